"""Hexo sites: ``_config.yml`` (``url``, ``root``, ``permalink``, ``source_dir``), ``source/``.

A page's URL, by Hexo's documented rules (7.x): a post (``source/_posts/**``) follows
``permalink`` (default ``:year/:month/:day/:title/``) with ``:title`` its path under ``_posts``
without the extension (as ``new_post_name: :title.md`` names it; ``:year-:month-:day-:title.md``
also gives the date), ``:name`` that path's last part, ``:post_title`` its title slugified,
``:year`` ``:month`` ``:day`` ``:i_month`` ``:i_day`` ``:hour`` ``:minute`` ``:second`` from its
``date``, ``:category`` its last category's slug (else ``default_category``), ``:hash``, and
``permalink_defaults`` for the rest; front matter ``permalink`` wins. Any other Markdown file
outside ``_`` folders is a page at its path with ``.html`` (``index.md`` its folder). The listing
pages of the generators the site installs (``hexo-generator-index``, ``-archive``, ``-category``,
``-tag`` in ``package.json``) are published too, without their pagination. Drafts:
``source/_drafts`` (unless ``render_drafts``), ``published: false``, and future posts when
``future: false``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any

from medlint.generators import dates, permalinks
from medlint.generators.base import Evidence, Generator, SiteOptions
from medlint.generators.common import content_stamp, front_matter_of, mentions, plain_files, settings_of
from medlint.loaders import MAX_SETTINGS_SIZE
from medlint.site import Page, Site

_SPECIAL = re.compile(r"""[\s~`!@#$%^&*()\-_+=\[\]{}|\\;:"'<>,.?/]+""")
_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


class Hexo(Generator):
    name = "hexo"
    settings_files = ("_config.yml", "_config.yaml")
    language_keys = ("language",)

    def evidence(self, folder: Path) -> Evidence:
        """``_config.yml`` (Jekyll writes one too) counts 2; a ``package.json`` naming hexo 3, its
        ``scaffolds/`` and ``source/_posts/`` folders 1 each."""
        found = self.settings_file(folder)
        if found is None:
            return Evidence(0)
        score = 2 + 3 * mentions(folder / "package.json", b'"hexo"')
        score += (folder / "scaffolds").is_dir() + (folder / "source" / "_posts").is_dir()
        return Evidence(score, found)

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        settings = settings_of(settings_file) if settings_file is not None else {}
        url = settings.get("url")
        address = f"{str(url).rstrip('/')}/" if isinstance(url, str) and url else None
        content = folder / str(settings.get("source_dir") or "source")
        return self.site(
            content, address, {**settings, "generators": _installed_generators(folder)}, settings_file, options
        )

    def pages(self, site: Site) -> list[Page]:
        source = site.docs_dir
        if source is None:
            return []
        settings = site.settings
        found: list[Page] = []
        published_posts: list[tuple[dt.datetime, list[str], list[str]]] = []
        for file in site.content_files():
            parts = file.relative_to(source).parts
            meta = front_matter_of(file, site.boundary)
            if parts[0] in ("_posts", "_drafts"):
                moment = _date(meta, file, parts[-1])
                draft = parts[0] == "_drafts" and not settings.get("render_drafts")
                later = settings.get("future") is False and dates.later(moment, dates.now())
                published = not draft and not later and meta.get("published") is not False
                found.append(Page(_post_url(file, parts, meta, moment, settings), file, (), published))
                if published:
                    published_posts.append((moment, _categories(meta, settings), permalinks.listed(meta.get("tags"))))
            elif not any(part.startswith("_") for part in parts):
                found.append(Page(_page_url(parts, meta), file, (), meta.get("published") is not False))
        return found + _listings(settings, published_posts)

    def pages_stamp(self, site: Site) -> bytes | None:
        """Hexo's URLs come from its settings file and its posts' paths, front matter and times."""
        return content_stamp(site)

    def files(self, site: Site) -> dict[Path, str]:
        """Every file of ``source/`` that is not Markdown, outside ``_`` folders, at its path."""
        source = site.docs_dir
        if source is None:
            return {}
        found = {}
        for file in plain_files(source, site.boundary):
            relative = file.relative_to(source).as_posix()
            if not any(part.startswith("_") for part in relative.split("/")):
                found[file] = relative
        return found


def _installed_generators(folder: Path) -> list[str]:
    """The ``hexo-generator-*`` packages the site's ``package.json`` depends on."""
    from medlint.files import read_regular

    try:
        data = json.loads(read_regular(folder / "package.json", MAX_SETTINGS_SIZE))
    except (OSError, ValueError):
        return []
    names = [*(data.get("dependencies") or {}), *(data.get("devDependencies") or {})] if isinstance(data, dict) else []
    return sorted(name.removeprefix("hexo-generator-") for name in names if str(name).startswith("hexo-generator-"))


def slugize(text: str, lower: bool = True) -> str:
    """hexo-util's ``slugize``: accents dropped, runs of spaces and punctuation one ``-``."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SPECIAL.sub("-", re.sub(r"[\x00-\x1f]", "", text)).strip("-")
    return slug.lower() if lower else slug


def _date(meta: dict[str, Any], file: Path, name: str) -> dt.datetime:
    """The post's date: front matter, else a dated file name, else the file's time (Hexo's birth time)."""
    moment = dates.moment_of(meta.get("date"))
    if moment is not None:
        return moment
    dated = _DATED_NAME.match(name)
    if dated is not None:
        return dt.datetime(int(dated.group(1)), int(dated.group(2)), int(dated.group(3)), tzinfo=dt.timezone.utc)
    status = os.stat(file)
    return dt.datetime.fromtimestamp(getattr(status, "st_birthtime", status.st_mtime), dt.timezone.utc)


def _categories(meta: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    """The post's categories as a hierarchy (``[a, b]``: b inside a), each as its slug."""
    mapping = settings.get("category_map") if isinstance(settings.get("category_map"), dict) else {}
    names = permalinks.listed(meta.get("categories") if "categories" in meta else meta.get("category"))
    if isinstance(meta.get("categories"), str):
        names = [meta["categories"]]
    return [str(mapping.get(name, slugize(name, lower=settings.get("filename_case") == 1))) for name in names]


def _post_url(
    file: Path, parts: tuple[str, ...], meta: dict[str, Any], moment: dt.datetime, settings: dict[str, Any]
) -> str:
    own = meta.get("permalink")
    if isinstance(own, str) and own:
        return own.lstrip("/")
    slug = posixpath.splitext("/".join(parts[1:]))[0]
    if str(settings.get("new_post_name") or ":title.md").startswith(":year-:month-:day-"):
        dated = _DATED_NAME.match(slug.rsplit("/", 1)[-1])
        if dated is not None:
            slug = posixpath.join(posixpath.dirname(slug), dated.group(4))
    categories = _categories(meta, settings)
    values = {
        "title": slug,
        "name": posixpath.basename(slug),
        "post_title": slugize(str(meta.get("title") or "")),
        "year": f"{moment.year:04d}",
        "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}",
        "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}",
        "second": f"{moment.second:02d}",
        "i_month": str(moment.month),
        "i_day": str(moment.day),
        "hash": hashlib.sha1(f"{slug}{int(moment.timestamp())}".encode()).hexdigest()[:12],
        "category": "/".join(categories) if categories else str(settings.get("default_category") or "uncategorized"),
    }
    defaults = settings.get("permalink_defaults") if isinstance(settings.get("permalink_defaults"), dict) else {}
    values = {**{str(key): str(value) for key, value in defaults.items()}, **values}
    return permalinks.expand(str(settings.get("permalink") or ":year/:month/:day/:title/"), values).lstrip("/")


def _page_url(parts: tuple[str, ...], meta: dict[str, Any]) -> str:
    own = meta.get("permalink")
    if isinstance(own, str) and own:
        return own.lstrip("/")
    path = posixpath.splitext("/".join(parts))[0]
    return path[: -len("index")] if path == "index" or path.endswith("/index") else f"{path}.html"


def _listings(settings: dict[str, Any], posts: list[tuple[dt.datetime, list[str], list[str]]]) -> list[Page]:
    """The listing pages of the installed generators: the index, archives by year and month,
    each category (each level of a hierarchy) and each tag."""
    installed = set(settings.get("generators") or ())
    urls: list[str] = [""] if "index" in installed and posts else []
    if "archive" in installed and posts:
        urls.append("archives/")
        urls += sorted({f"archives/{moment.year:04d}/" for moment, _, _ in posts})
        urls += sorted({f"archives/{moment.year:04d}/{moment.month:02d}/" for moment, _, _ in posts})
    if "category" in installed:
        folder = str(settings.get("category_dir") or "categories").strip("/")
        levels = {"/".join(names[: depth + 1]) for _, names, _ in posts for depth in range(len(names))}
        urls += [f"{folder}/{slug}/" for slug in sorted(levels)]
    if "tag" in installed:
        folder = str(settings.get("tag_dir") or "tags").strip("/")
        lower = settings.get("filename_case") == 1
        urls += [f"{folder}/{slugize(tag, lower)}/" for tag in sorted({tag for _, _, tags in posts for tag in tags})]
    return [Page(url, None) for url in dict.fromkeys(urls)]

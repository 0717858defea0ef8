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
``-tag`` in ``package.json``) are published too, each with its pages after the first
(``page/2/``: ``per_page`` posts a page, of ``index_generator``, ``archive_generator``,
``category_generator``, ``tag_generator`` or the site's, default 10, ``0`` for one page;
``pagination_dir``). Drafts: ``source/_drafts`` (unless ``render_drafts``), ``published: false``,
and future posts when ``future: false``.

Files: every file of ``source/`` and of the theme's ``source/`` (``themes/<theme>/``) outside
``_`` and ``.`` names, at its path, a stylesheet of an installed renderer (``.styl`` with
``hexo-renderer-stylus``, ``.scss``/``.sass`` with a Sass renderer, ``.less``) as ``.css``; with
``post_asset_folder: true``, a post's folder (``_posts/my-post/``) beside the post's URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from medlint.generators import dates, permalinks
from medlint.generators.base import Evidence, Generator, SiteOptions
from medlint.generators.common import content_stamp, front_matter_of, mentions, plain_files, settings_of
from medlint.loaders import MAX_SETTINGS_SIZE
from medlint.site import Page, Site

_SPECIAL = re.compile(r"""[\s~`!@#$%^&*()\-_+=\[\]{}|\\;:"'<>,.?/]+""")
_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


class Hexo(Generator):
    name = "hexo"
    build_folder = (("public_dir",), "public")
    import_tags = "the theme's head: <%- open_graph() %> writes the Open Graph tags"
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
            content, address, {**settings, "packages": _installed_packages(folder)}, settings_file, options
        )

    def pages(self, site: Site) -> list[Page]:
        source = site.docs_dir
        if source is None:
            return []
        settings = site.settings
        found: list[Page] = []
        published_posts: list[_Listed] = []
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
                    published_posts.append(
                        _Listed(moment, _categories(meta, settings), permalinks.names(meta.get("tags")))
                    )
            elif not any(part.startswith("_") for part in parts):
                found.append(Page(_page_url(parts, meta), file, (), meta.get("published") is not False))
        return [Page(_routed(page.url), page.source, page.aliases, page.published) for page in found] + _listings(
            settings, published_posts
        )

    def pages_stamp(self, site: Site) -> bytes | None:
        """Hexo's URLs come from its settings file and its posts' paths, front matter and times."""
        return content_stamp(site)

    def files(self, site: Site) -> dict[Path, str]:
        """The files of ``source/`` and the theme's ``source/``, and the posts' asset folders
        (see the module's documentation)."""
        source = site.docs_dir
        if source is None:
            return {}
        converted = _converted_suffixes(site.settings.get("packages") or ())
        found: dict[Path, str] = {}
        theme = site.settings.get("theme")
        if isinstance(theme, str) and theme and site.settings_file is not None:
            folder = site.settings_file.parent / "themes" / theme / "source"
            if folder.is_dir() and (site.boundary is None or site.boundary.contains(folder.resolve())):
                found.update(_copied(folder, site, converted))
        found.update(_copied(source, site, converted))  # the site's own file wins over the theme's
        if site.settings.get("post_asset_folder") is True:
            found.update(_asset_folders(site))
        return found


def _copied(folder: Path, site: Site, converted: dict[str, str]) -> dict[Path, str]:
    """The files of ``folder`` that Hexo publishes at their path: none under a ``_`` or ``.``
    name, a stylesheet a renderer converts under its new suffix."""
    found = {}
    for file in plain_files(folder, site.boundary):
        relative = file.relative_to(folder).as_posix()
        if any(part.startswith(("_", ".")) for part in relative.split("/")):
            continue
        suffix = posixpath.splitext(relative)[1].lower()
        found[file] = relative[: -len(suffix)] + converted[suffix] if suffix in converted else relative
    return found


def _asset_folders(site: Site) -> dict[Path, str]:
    """With ``post_asset_folder``: the files of each post's folder (the post's path without
    ``.md``), published under the post's URL."""
    found: dict[Path, str] = {}
    for page in site.entries():
        if page.file is None or page.url is None or "_posts" not in page.file.parts:
            continue
        folder = page.file.with_suffix("")
        if not folder.is_dir():
            continue
        base = page.url if page.url.endswith("/") else posixpath.dirname(page.url) + "/"
        for file in plain_files(folder, site.boundary):
            found[file] = base.lstrip("/") + file.relative_to(folder).as_posix()
    return found


_RENDERERS = {
    "hexo-renderer-stylus": (".styl",),
    "hexo-renderer-sass": (".scss", ".sass"),
    "hexo-renderer-dart-sass": (".scss", ".sass"),
    "hexo-renderer-scss": (".scss",),
    "hexo-renderer-less": (".less",),
}


def _converted_suffixes(packages: object) -> dict[str, str]:
    """The stylesheet suffixes the site's installed renderers publish as ``.css``."""
    installed = set(packages) if isinstance(packages, (list, tuple)) else set()
    return {suffix: ".css" for name, suffixes in _RENDERERS.items() if name in installed for suffix in suffixes}


def _routed(url: str | None) -> str | None:
    """Where Hexo's router writes a page: backslashes as ``/``, and a ``?`` and what follows it
    dropped as a query (a post ``why?.md`` at ``:title/`` is written as the file ``why``)."""
    if url is None:
        return None
    return url.replace("\\", "/").split("?", 1)[0]


def _installed_packages(folder: Path) -> list[str]:
    """The ``hexo-*`` packages the site's ``package.json`` depends on."""
    from medlint.files import read_regular

    try:
        data = json.loads(read_regular(folder / "package.json", MAX_SETTINGS_SIZE))
    except (OSError, ValueError):
        return []
    names = [*(data.get("dependencies") or {}), *(data.get("devDependencies") or {})] if isinstance(data, dict) else []
    return sorted(str(name) for name in names if str(name).startswith("hexo-"))


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
    names = permalinks.names(meta.get("categories") if "categories" in meta else meta.get("category"))
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


class _Listed(NamedTuple):
    """What the listing generators read of a published post."""

    moment: dt.datetime
    categories: list[str]
    tags: list[str]


def _listings(settings: dict[str, Any], posts: list[_Listed]) -> list[Page]:
    """The listing pages of the installed generators: the index, archives by year and month,
    each category (each level of a hierarchy) and each tag, each with its further pages."""
    installed = {str(name).removeprefix("hexo-generator-") for name in settings.get("packages") or ()}
    pages_dir = str(settings.get("pagination_dir") or "page").strip("/")
    urls: list[str] = []

    def listing(url: str, count: int, generator: str) -> None:
        urls.append(url)
        own = settings.get(f"{generator}_generator")
        per_page = own.get("per_page") if isinstance(own, dict) and "per_page" in own else settings.get("per_page", 10)
        if isinstance(per_page, int) and per_page > 0:
            urls.extend(f"{url}{pages_dir}/{number}/" for number in range(2, -(-count // per_page) + 1))

    if "index" in installed and posts:
        own = settings.get("index_generator")
        path = str(own.get("path") or "").strip("/") if isinstance(own, dict) else ""
        listing(f"{path}/" if path else "", len(posts), "index")
    if "archive" in installed and posts:
        folder = str(settings.get("archive_dir") or "archives").strip("/")
        own = settings.get("archive_generator") if isinstance(settings.get("archive_generator"), dict) else {}
        listing(f"{folder}/", len(posts), "archive")
        parts = {"yearly": 1, "monthly": 2, "daily": 3}
        for option, depth in parts.items():
            if own.get(option, option != "daily") is True:  # yearly and monthly by default, not daily
                periods = Counter(post.moment.strftime("%Y/%m/%d")[: 3 * depth + 1] for post in posts)
                for period, count in sorted(periods.items()):
                    listing(f"{folder}/{period}/", count, "archive")
    if "category" in installed:
        folder = str(settings.get("category_dir") or "categories").strip("/")
        levels = Counter(
            "/".join(post.categories[: depth + 1]) for post in posts for depth in range(len(post.categories))
        )
        for slug, count in sorted(levels.items()):
            listing(f"{folder}/{slug}/", count, "category")
    if "tag" in installed:
        folder = str(settings.get("tag_dir") or "tags").strip("/")
        lower = settings.get("filename_case") == 1
        tagged = Counter(slugize(tag, lower) for post in posts for tag in dict.fromkeys(post.tags))
        for slug, count in sorted(tagged.items()):
            listing(f"{folder}/{slug}/", count, "tag")
    return [Page(url, None) for url in dict.fromkeys(urls)]

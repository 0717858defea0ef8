"""Jekyll sites: ``_config.yml`` (``url`` + ``baseurl``, ``permalink``, ``collections``).

A page's URL, by Jekyll's documented rules: only files with front matter are pages; a post
(``_posts/YYYY-MM-DD-title.md``, in any folder) follows the ``permalink`` style (``date``, the
default: ``/:categories/:year/:month/:day/:title.html``; ``pretty``, ``ordinal``, ``none``, or a
pattern), its categories from front matter and from the folders above ``_posts``; a page is
``/path/name.html`` (``/path/name/`` with ``pretty``), ``index.md`` its folder; a collection with
``output: true`` uses its own ``permalink`` (default ``/:collection/:path.html``). A page's own
``permalink`` wins. ``_drafts/``, ``published: false`` and future-dated posts (unless ``future:
true``) are not published. Links: ``{% post_url name %}`` names a post by its file name,
``{% link path %}`` a file by its path from the site folder, and ``{{ site.baseurl }}/path/`` or
``{{ '/path/' | relative_url }}`` a URL of the site.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from medlint.document.dialect import Dialect
from medlint.document.linksyntax import JEKYLL_LINK, JEKYLL_POST_URL, JEKYLL_SITE_URL, JEKYLL_URL_FILTER
from medlint.files import read_regular
from medlint.generators import dates, permalinks, slugs
from medlint.generators.base import Evidence, Generator, SiteOptions
from medlint.generators.common import files_stamp, front_matter_of, mentions, settings_of
from medlint.notices import notice
from medlint.site import Page, Site, SiteError

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
EXCLUDED = (".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules", "vendor")
"""What Jekyll leaves out of every site, besides ``_`` and ``.`` names."""
_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_SYNTAXES = (JEKYLL_POST_URL, JEKYLL_LINK, JEKYLL_SITE_URL, JEKYLL_URL_FILTER)


class Jekyll(Generator):
    name = "jekyll"
    build_folder = (("destination",), "_site")
    import_tags = "jekyll-seo-tag: add it to plugins in _config.yml and {% seo %} to the layout's head"
    settings_files = ("_config.yml", "_config.yaml")
    language_keys = ("lang",)

    def evidence(self, folder: Path) -> Evidence:
        """``_config.yml`` counts 2 (Hexo writes one too), a ``_posts/`` folder or a Gemfile that
        names Jekyll 1 each; Hexo's ``scaffolds/`` or a ``package.json`` naming hexo count against."""
        found = self.settings_file(folder)
        if found is None:
            return Evidence(0)
        score = 2 + (folder / "_posts").is_dir() + mentions(folder / "Gemfile", b"jekyll")
        if (folder / "scaffolds").is_dir() or mentions(folder / "package.json", b'"hexo"'):
            score -= 3
        return Evidence(score, found)

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        settings = settings_of(settings_file) if settings_file is not None else {}
        url = str(settings.get("url") or "").rstrip("/")
        baseurl = str(settings.get("baseurl") or "").strip("/")
        address = f"{url}/{baseurl}/" if url and baseurl else (f"{url}/" if url else None)
        return self.site(folder, address, settings, settings_file, options)

    def dialect(self, settings: Mapping[str, Any]) -> Dialect:
        return Dialect(link_syntaxes=_SYNTAXES)

    def pages(self, site: Site) -> list[Page]:
        source = site.docs_dir
        if source is None:
            return []
        settings = site.settings
        style = str(settings.get("permalink") or "date")
        pattern = STYLES.get(style, style)
        collections = settings.get("collections") or {}
        if isinstance(collections, list):
            collections = {name: {} for name in collections}
        now = dates.now()
        included = _included(settings)
        found: list[Page] = []
        posts = 0
        for file in [*site.content_files(), *_rendered(site)[0]]:
            relative = file.relative_to(source)
            parts = relative.parts
            if any(part in ("_site", "vendor") for part in parts[:-1]):
                continue
            meta = front_matter_of(file, site.boundary)
            if not meta and not (site.boundary and site.boundary.leaves(file)) and not _has_front_matter(file):
                continue  # copied as it is, not rendered
            underscored = [part for part in parts[:-1] if part.startswith("_") and part not in included]
            holder = _holder(parts)
            if holder is not None:
                post = _post_url(relative, meta, pattern, holder)
                if post is None:
                    continue
                url, day, values = post
                draft = holder == "_drafts" or (dates.later(day, now) and not settings.get("future"))
            elif underscored:
                name = underscored[0][1:]
                options = collections.get(name)
                if not isinstance(options, dict) or not options.get("output"):
                    continue  # _layouts, _includes, or a collection that is not written out
                path = "/".join(parts[parts.index(underscored[0]) + 1 :]).rsplit(".", 1)[0]
                pretty = style == "pretty" or style.endswith("/")
                template = str(
                    options.get("permalink") or ("/:collection/:path/" if pretty else "/:collection/:path:output_ext")
                )
                url = _fill(template, {"collection": name, "path": path, "name": file.stem, "title": file.stem})
                draft = False
            else:
                url = _page_url(relative, style)
                draft = False
            if isinstance(meta.get("permalink"), str):  # a post's own fills in as its style does
                own = values if holder is not None else {"title": file.stem, "name": file.stem, "path": relative.stem}
                url = _fill(meta["permalink"], own)
            published = not draft and meta.get("published") is not False
            stopping = _stops_the_build(meta["permalink"] if isinstance(meta.get("permalink"), str) else pattern,
                                        values if holder is not None else {})  # fmt: skip
            if stopping is not None:
                notice(
                    f"{file}: Jekyll's build stops on this page: its :{stopping[0]} {stopping[1]!r} reads as a "
                    "URL with an invalid scheme (Addressable::URI::InvalidURIError); medlint gives it no URL"
                )
                found.append(Page(None, file, (), published))
                continue
            posts += published and holder == "_posts"
            found.append(Page(url.lstrip("/"), file, (), published))
        return found + _pagination(settings, posts)

    def pages_stamp(self, site: Site) -> bytes | None:
        """Jekyll's URLs come from its settings file and its pages' paths and front matter (and the
        day, for a draft): its Markdown files and the other files it renders."""
        settings = [site.settings_file] if site.settings_file else []
        try:
            rendered = [str(file) for file in _rendered(site)[0]]
            return files_stamp(site, settings, [*site.content_sources(), *rendered])
        except (OSError, SiteError):
            return None

    def files(self, site: Site) -> dict[Path, str]:
        """Every file Jekyll copies as it is: outside folders and files starting with ``_`` or
        ``.``, not excluded (``exclude`` and Jekyll's defaults), and not a page (Markdown without
        front matter is copied too), at its path."""
        source = site.docs_dir
        if source is None:
            return {}
        _, copied, converted = _rendered(site)
        root, copied_here = len(os.path.join(str(source), "")), _copy_rules(site)
        copied += [
            Path(path)
            for path in site.content_sources()
            if copied_here(path[root:].replace(os.sep, "/")) and not _has_front_matter(path)
        ]
        found = {file: file.relative_to(source).as_posix() for file in copied}
        for file in converted:  # Sass with front matter: main.scss is published as main.css
            found[file] = file.relative_to(source).with_suffix(".css").as_posix()
        return found

    def expand_markup(self, text: str, resolve: Callable[[str], str | None]) -> str:
        from medlint.generators.embeds import expand_jekyll

        return expand_jekyll(text, resolve)

    def resolve_reference(self, site: Site, syntax: str, reference: str, from_file: str) -> Page | None:
        """``post_url``: the post whose file name (and folders, when given) it names; ``link``: the
        file at that path from the site folder; a site URL prefix or filter: the page at that URL."""
        source = site.docs_dir
        if source is None:
            return None
        if syntax in (JEKYLL_SITE_URL.name, JEKYLL_URL_FILTER.name):
            return site.page_for_url(site.base_url + reference.lstrip("/"))
        entries = [page for page in site.entries() if page.file is not None]
        if syntax == JEKYLL_LINK.name:
            wanted = (source / reference.strip().lstrip("/")).resolve()
            return next((page for page in entries if page.file == wanted), None)
        folders, _, name = reference.strip().rpartition("/")
        for page in entries:
            assert page.file is not None
            parts = page.file.relative_to(source).parts
            if page.file.stem == name and "_posts" in parts and (not folders or folders in "/".join(parts)):
                return page
        return None


def _holder(parts: tuple[str, ...]) -> str | None:
    """``_posts`` or ``_drafts``, where a source path lies in one."""
    return "_posts" if "_posts" in parts[:-1] else "_drafts" if "_drafts" in parts[:-1] else None


def _included(settings: Mapping[str, Any]) -> set[str]:
    """What ``include`` brings back of the names Jekyll leaves out (``_pages``, ``.well-known``)."""
    return {str(item).strip("/") for item in permalinks.listed(settings.get("include"))}


def _copy_rules(site: Site) -> Callable[[str], bool]:
    """Whether Jekyll reads the file at a path from the site's source folder at all: no part of
    the path starts with ``_`` or ``.`` (unless ``include`` names it), and ``exclude`` and
    Jekyll's defaults do not leave it out. ``include`` and ``exclude`` are read once (a site may
    have ten thousand files to ask about)."""
    included = _included(site.settings)
    excluded = [
        pattern.rstrip("/")
        for pattern in (*EXCLUDED, *(str(item) for item in permalinks.listed(site.settings.get("exclude"))))
    ]

    def copied(relative: str) -> bool:
        if any(part.startswith(("_", ".")) and part not in included for part in relative.split("/")):
            return False
        return not any(fnmatch.fnmatch(relative, pattern) or relative.startswith(pattern + "/") for pattern in excluded)

    return copied


def _rendered(site: Site) -> tuple[list[Path], list[Path], list[Path]]:
    """The site's files that are not Markdown, in three: the HTML files with front matter (pages,
    as ``index.html`` and ``about.html`` are), the files copied as they are, and the Sass files
    with front matter (converted to CSS). Another file with front matter (``search.json``,
    ``feed.xml``) is rendered at its own path, so it is copied as far as its URL goes."""
    source = site.docs_dir
    if source is None:
        return [], [], []
    pages, copied, converted = [], [], []
    copied_here = _copy_rules(site)
    for file in site.plain_files():
        if not copied_here(file.relative_to(source).as_posix()):
            continue
        suffix = file.suffix.lower()
        if suffix in (".html", ".htm") and _has_front_matter(file):
            pages.append(file)
        elif suffix in (".scss", ".sass") and _has_front_matter(file):
            converted.append(file)
        elif not (suffix in (".scss", ".sass") and any(part.startswith("_") for part in file.parts)):
            copied.append(file)
    return pages, copied, converted


def _pagination(settings: Mapping[str, Any], posts: int) -> list[Page]:
    """The pages jekyll-paginate adds after the home page: with ``paginate: N`` and the plugin
    named, ``paginate_path`` (default ``/page:num/``) for each page of ``N`` posts after the first."""
    plugins = [*permalinks.listed(settings.get("plugins")), *permalinks.listed(settings.get("gems"))]
    per_page = settings.get("paginate")
    if "jekyll-paginate" not in plugins or not isinstance(per_page, int) or per_page <= 0:
        return []
    path = str(settings.get("paginate_path") or "/page:num/")
    count = -(-posts // per_page)
    return [Page(_fill(path.replace(":num", str(number)), {}).lstrip("/"), None) for number in range(2, count + 1)]


def _has_front_matter(file: str | Path) -> bool:
    try:
        return read_regular(file, 4).startswith(b"---")
    except OSError:
        return False


def _post_url(
    relative: Path, meta: dict[str, Any], pattern: str, holder: str
) -> tuple[str, dt.date, dict[str, str]] | None:
    parts = relative.parts
    match = _POST_NAME.match(relative.stem)
    if match is None and holder == "_posts":
        return None  # Jekyll skips a post whose name has no date
    title = str(meta.get("slug") or (match.group(4) if match else relative.stem))
    day = dates.date_of(meta.get("date")) or (
        dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else dates.today()
    )
    categories = list(parts[: parts.index(holder)])
    declared = meta.get("categories", meta.get("category"))
    if isinstance(declared, str):
        categories += declared.split()
    elif isinstance(declared, list):
        categories += [str(item) for item in declared]
    values = {
        "categories": "/".join(slugs.jekyll_category(category) for category in categories),
        "year": f"{day.year:04d}",
        "month": f"{day.month:02d}",
        "i_month": str(day.month),
        "day": f"{day.day:02d}",
        "i_day": str(day.day),
        "y_day": f"{day.timetuple().tm_yday:03d}",
        "short_year": f"{day.year % 100:02d}",
        "title": slugs.jekyll_title(title),
        "slug": slugs.jekyll_slug(title),
    }
    return _fill(pattern, values), day, values


#: a URI scheme's name, as Addressable checks it
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


def _stops_the_build(pattern: str, values: dict[str, str]) -> tuple[str, str] | None:
    """The placeholder of ``pattern`` and its value that stop Jekyll's build, if any: Jekyll
    escapes each value it fills in with Addressable, which reads what comes before a first ``:``
    (no ``/``, ``?`` or ``#`` before it) as a scheme, and raises when that is no scheme's name (a
    category ``C++ & Rust: a story``; ``C: d`` passes, ``c`` being a scheme)."""
    for name, value in values.items():
        if f":{name}" not in pattern or not value or re.fullmatch(r"[a-zA-Z0-9./-]+", value):
            continue
        head = re.match(r"([^:/?#]+):", value)
        if head is not None and not _SCHEME.fullmatch(head.group(1)):
            return name, value
    return None


def _page_url(relative: Path, style: str) -> str:
    folder = "/".join(relative.parts[:-1])
    prefix = f"/{folder}/" if folder else "/"
    if relative.stem == "index":
        return prefix
    if style == "pretty" or style.endswith("/"):
        return f"{prefix}{relative.stem}/"
    return f"{prefix}{relative.stem}.html"


def _fill(pattern: str, values: dict[str, str]) -> str:
    """A Jekyll permalink pattern filled, ``:output_ext`` as ``.html``, doubled slashes as one."""
    text = permalinks.expand(pattern, values)
    text = text.replace(":output_ext", ".html").replace("output_ext", "")
    return re.sub(r"/{2,}", "/", text)

"""Docusaurus sites: ``docusaurus.config.{js,ts,mjs}`` read as text (``url``, ``baseUrl``,
``trailingSlash``, the blog's and the docs' options in the classic preset or their own plugin
entries), ``blog/``, ``docs/``, ``src/pages/``.

A blog post's URL, by Docusaurus' rules (3.x, ``@docusaurus/plugin-content-blog``):
``<routeBasePath>/<slug>``, where the slug is front matter ``slug``, else the date and name of the
file (``2024-01-02-hello.md`` and ``2024-01-02-hello/index.md`` are ``2024/01/02/hello``; a
folder in front of the date is kept after it), else its path without the extension. The blog's
list pages are published too: the index and its ``page/N`` pages (``postsPerPage``, 10), the
archive, the tags (a ``tags.yml`` permalink, else lodash's ``kebabCase``) and their pages, the authors with a page
(``authors.yml``). Markdown pages of ``src/pages`` (the classic preset's pages plugin) are at
their path, ``index`` their folder; ``404.html`` is always built. Drafts: ``draft: true`` (a
production build leaves it out); ``unlisted: true`` is published but not listed.

Docs (the docs plugin, one version): ``<routeBasePath>/<slug>``, the slug being front matter
``slug`` (absolute, or relative to the doc's folder), else the folder for an ``index``,
``README`` or same-named doc, else the folder and the doc's ``id`` (front matter, else the file
name), number prefixes (``01-``) stripped; a ``_category_`` file's generated index at
``category/<label>``. Versioned docs and sidebars files that declare generated indexes are said
in one notice.

A page is written as ``<url>/index.html`` unless ``trailingSlash: false`` (``<url>.html``).
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from medlint.generators import slugs
from medlint.generators.base import Generator, SiteOptions
from medlint.generators.common import (
    decides,
    files_named,
    front_matter_of,
    guess,
    plain_files,
    readable,
    say_computed,
    under_base,
)
from medlint.generators.jstext import (
    COMPUTED,
    MAX_DECLARATIONS,
    block_of,
    object_after,
    read_settings,
    read_source,
    value_of,
)
from medlint.site import Page, Site, SiteError

_DATED = re.compile(r"^(?P<folder>.*)(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(?P<text>.*?)(?:/index)?\.mdx?$")
_PRESET = re.compile(r"""["'](?:@docusaurus/preset-)?classic["']\s*\)?""")
_BLOG_PLUGIN = re.compile(r"""["']@docusaurus/plugin-content-blog["']\s*\)?""")
_DOCS_PLUGIN = re.compile(r"""["']@docusaurus/plugin-content-docs["']\s*\)?""")
_NUMBER_PREFIX = re.compile(r"^\d+\s*[-_.]+\s*(?=[^-_.\s])")
_VERSION_LIKE = re.compile(r"^\d+[-_.]\d+")
_PAGE_SOURCES = (".md", ".mdx", ".js", ".jsx", ".ts", ".tsx")
BLOG_DEFAULTS: dict[str, Any] = {
    "path": "blog",
    "routeBasePath": "blog",
    "tagsBasePath": "tags",
    "archiveBasePath": "archive",
    "pageBasePath": "page",
    "authorsBasePath": "authors",
    "authorsMapPath": "authors.yml",
    "postsPerPage": 10,
    "tags": "tags.yml",
}
DOCS_DEFAULTS: dict[str, Any] = {
    "path": "docs",
    "routeBasePath": "docs",
    "sidebarPath": None,
    "tagsBasePath": "tags",
    "tags": "tags.yml",
}


class Docusaurus(Generator):
    name = "docusaurus"
    build_folder = ((), "build")
    stamped_by_project = files_in_stamp = True
    import_tags = "give the post a description and an image in its front matter, or set themeConfig.metadata and themeConfig.image"
    settings_files = tuple(f"docusaurus.config.{suffix}" for suffix in ("js", "ts", "mjs", "mts", "cjs"))
    language_keys = ("defaultLocale",)
    page_suffixes = (".md", ".mdx")
    package = "@docusaurus/core"

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        keys = ("url", "baseUrl", "trailingSlash")
        source, settings = read_settings(settings_file, options.boundary, keys, f"{folder}: no docusaurus.config.js")
        locales = block_of(source, "i18n")
        if isinstance(locales, str):
            settings["defaultLocale"] = value_of(locales, "defaultLocale")
        preset = _preset_options(source)
        settings["blogs"] = _instances(source, preset, "blog", _BLOG_PLUGIN, BLOG_DEFAULTS, settings)
        settings["docs"] = _instances(source, preset, "docs", _DOCS_PLUGIN, DOCS_DEFAULTS, settings)
        settings["pages"] = preset is not None and block_of(preset, "pages") is not False
        settings["search"] = _search_page(source, preset)
        return self.site(folder, under_base(settings["url"], settings["baseUrl"]), settings, settings_file, options)

    def pages(self, site: Site) -> list[Page]:
        root = site.docs_dir
        if root is None:
            return []
        settings = site.settings
        say_computed(site)
        found: list[Page] = [Page("404.html", None)]
        # the images and bundles a build writes under assets/ are named by their content's hash
        decides(site, "assets/")
        search = settings.get("search")
        if isinstance(search, str):
            found.append(Page(_join(search), None))
        elif search is COMPUTED:
            guess(site, f"{site.settings_file}: a search plugin makes its own pages", under="search/")
        for options in settings.get("blogs", ()):
            found += _blog_pages(site, root, options)
        if settings.get("pages"):
            found += _src_pages(site, root)
        for options in settings.get("docs", ()):
            found += _docs_pages(site, root, options)
        return [
            page if page.url is None else Page(_written(page.url, site), page.source, page.aliases, page.published)
            for page in found
        ]

    def page_url(self, site: Site, file: Path) -> str | None:
        """A Markdown file outside the blog and ``src/pages`` is no page of the site."""
        return None

    def files(self, site: Site) -> dict[Path, str]:
        """``static/``, copied to the site's root."""
        static = site.docs_dir / "static" if site.docs_dir is not None else None
        if static is None or not static.is_dir():
            return {}
        return {file: file.relative_to(static).as_posix() for file in plain_files(static, site.boundary)}


_LOCAL_SEARCH = re.compile(
    r"""["'](?:@easyops-cn/docusaurus-search-local|docusaurus-lunr-search|docusaurus-plugin-search-local)["']"""
)


def _search_page(source: str, preset: str | None) -> object:
    """The search page a theme adds: Algolia's (the classic preset's, with ``themeConfig.algolia``)
    at ``searchPagePath`` (``search``; ``false``: none); :data:`COMPUTED` for a local search
    plugin, whose pages its code decides; ``None`` for none."""
    if _LOCAL_SEARCH.search(source):
        return COMPUTED
    algolia = block_of(source, "algolia", depth=None) if preset is not None else None
    if not isinstance(algolia, str):
        return None
    path = value_of(algolia, "searchPagePath")
    return None if path is False else path if isinstance(path, str) else COMPUTED if path is COMPUTED else "search"


def _preset_options(source: str) -> str | None:
    """The classic preset's options object, when the site uses the preset."""
    preset = _PRESET.search(source)
    if preset is None:
        return None
    return object_after(source, preset.end()) or "{}"


def _instances(
    source: str,
    preset: str | None,
    key: str,
    plugin: re.Pattern[str],
    defaults: dict[str, Any],
    settings: dict[str, Any],
) -> list[dict[str, Any]]:
    """The options of each instance of a content plugin (the blog, the docs): the preset's
    (``key``, unless it is ``false``) and each plugin entry's, over the plugin's defaults."""
    written: list[str] = []
    if preset is not None:
        own = block_of(preset, key)
        if own is not False:
            written.append(own if isinstance(own, str) else "{}")
    for entry in islice(plugin.finditer(source), MAX_DECLARATIONS):
        written.append(object_after(source, entry.end()) or "{}")
    instances = []
    for text in written:
        options = dict(defaults)
        for name in defaults:
            value = value_of(text, name)
            if value is COMPUTED:
                settings["computed"].append(f"the {key} option {name!r}")
            elif value is not None or re.search(rf"\b{name}\s*:\s*(?:null|false)\b", text):
                options[name] = value or None
        instances.append(options)
    return instances


def _join(*parts: object) -> str:
    """URL path parts joined as Docusaurus' ``normalizeUrl`` does, from the site's base."""
    return "/".join(str(part).strip("/") for part in parts if str(part).strip("/"))


def _written(url: str, site: Site) -> str:
    """Where a route is written: ``<url>/`` (its ``index.html``), or ``<url>.html`` with
    ``trailingSlash: false``; a file name (``404.html``) stays."""
    if not url or url.endswith((".html", "/")):
        return url
    return f"{url}.html" if site.settings.get("trailingSlash") is False else f"{url}/"


def post_slug(relative: str) -> str:
    """A post's slug from its path in the blog folder, as ``parseBlogFileName`` makes it."""
    dated = _DATED.match(relative)
    if dated is not None:
        return f"/{dated['date'].replace('-', '/')}/{dated['folder']}{dated['text']}"
    return "/" + re.sub(r"(?:/index)?\.mdx?$", "", relative)


def _sources(site: Site, folder: Path) -> Iterator[tuple[Path, str, dict[str, Any]]]:
    """A content plugin's files: each Markdown file under ``folder`` that its default ``exclude``
    keeps, with its path there and its front matter. A folder beside the site's (``path:
    '../blog'``, read once allowed) is walked on its own."""
    inside = site.docs_dir is not None and site.docs_dir in (folder, *folder.parents)
    files = site.content_files() if inside else files_named(folder, site.boundary, _is_source)
    for file in files:
        try:
            relative = file.relative_to(folder).as_posix()
        except ValueError:
            continue
        if not _excluded(relative):
            yield file, relative, front_matter_of(file, site.boundary)


def _is_source(name: str) -> bool:
    return name.lower().endswith((".md", ".mdx"))


def _excluded(relative: str) -> bool:
    """Docusaurus' default ``exclude``: ``_`` files and folders, tests."""
    parts = relative.split("/")
    return any(part.startswith("_") for part in parts) or ".test." in parts[-1] or "__tests__" in parts


def _blog_pages(site: Site, root: Path, options: dict[str, Any]) -> list[Page]:
    folder = (root / str(options["path"])).resolve()
    route = _join(options["routeBasePath"] or "")
    if not readable(site, folder, "the blog's path", under=f"{route}/" if route else "") or not folder.is_dir():
        return []
    found: list[Page] = []
    tag_file = _tag_file(site, folder, options)
    tags: dict[str, int] = {}  # each tag's permalink: how many listed posts have it
    authors: dict[str, int] = {}
    listed = 0
    for file, relative, meta in _sources(site, folder):
        own = meta.get("slug")
        slug = own if isinstance(own, str) and own else post_slug(relative)
        draft = meta.get("draft") is True
        found.append(Page(_join(route, slug), file, (), not draft))
        if draft:
            continue
        shown = meta.get("unlisted") is not True
        listed += shown
        for tag in dict.fromkeys(_tag_permalinks(meta.get("tags"), tag_file)):
            tags[tag] = tags.get(tag, 0) + shown
        for author in _names(meta.get("authors")):
            authors[author] = authors.get(author, 0) + shown
    per_page = options["postsPerPage"]
    found += [Page(url, None) for url in _paginated(route, listed, per_page, options)]
    if options.get("archiveBasePath") and listed:
        found.append(Page(_join(route, options["archiveBasePath"]), None))
    if tags:
        base = _join(route, options["tagsBasePath"])
        found.append(Page(base, None))
        for tag, count in sorted(tags.items()):
            found += [Page(url, None) for url in _paginated(_join(base, tag), count, per_page, options)]
    found += _author_pages(site, folder, route, options, authors)
    return found


def _tag_file(site: Site, folder: Path, options: dict[str, Any]) -> dict[str, str]:
    """The blog's tags file (``tags.yml`` unless ``tags`` names another or is ``false``): each
    tag's key -> its permalink (``kebabCase`` of the key unless given)."""
    from medlint.generators.common import settings_of

    name = options.get("tags")
    path = folder / str(name)
    if not isinstance(name, str) or not path.is_file():
        return {}
    try:
        declared = settings_of(path)
    except SiteError as exc:
        guess(site, f"{exc}; the tags it declares are not known")
        return {}
    permalinks = {}
    for key, tag in declared.items():
        own = tag.get("permalink") if isinstance(tag, dict) else None
        permalinks[str(key)] = own.strip("/") if isinstance(own, str) else slugs.kebab(str(key))
    return permalinks


def _tag_permalinks(value: object, tag_file: dict[str, str]) -> list[str]:
    """The permalink of each front matter tag: a key of the tags file, a label (``kebabCase``),
    or an inline ``{label, permalink}``."""
    permalinks = []
    for tag in value if isinstance(value, list) else [value] if isinstance(value, str) else []:
        if isinstance(tag, (str, int)):
            permalinks.append(tag_file.get(str(tag)) or slugs.kebab(str(tag)))
        elif isinstance(tag, dict) and isinstance(tag.get("permalink"), str):
            permalinks.append(tag["permalink"].strip("/"))
        elif isinstance(tag, dict) and isinstance(tag.get("label"), str):
            permalinks.append(slugs.kebab(tag["label"]))
    return permalinks


def _names(value: object) -> list[str]:
    """Front matter authors: the keys of ``authors.yml`` (inline authors have no page)."""
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if isinstance(item, (str, int))]


def _paginated(base: str, count: int, per_page: object, options: dict[str, Any]) -> list[str]:
    """A list's pages: ``base``, then ``base/page/2`` and on (``paginateBlogPosts``)."""
    size = count if per_page == "ALL" or not isinstance(per_page, int) or per_page < 1 else per_page
    total = max(1, math.ceil(count / size)) if size else 1
    return [base] + [_join(base, options["pageBasePath"], number) for number in range(2, total + 1)]


def _author_pages(site: Site, folder: Path, route: str, options: dict[str, Any], posts: dict[str, int]) -> list[Page]:
    """The authors list and each author page of ``authors.yml`` (``page: true`` or a permalink)."""
    from medlint.generators.common import settings_of

    mapping_file = folder / str(options["authorsMapPath"])
    if not mapping_file.is_file():
        return []
    try:
        mapping = settings_of(mapping_file)
    except SiteError as exc:
        guess(site, f"{exc}; its author pages are not known")
        return []
    if not mapping:
        return []
    base = _join(route, options["authorsBasePath"])
    found = [Page(base, None)]
    for key, author in mapping.items():
        page = author.get("page") if isinstance(author, dict) else None
        if not page:
            continue
        own = page.get("permalink") if isinstance(page, dict) else None
        slug = own if isinstance(own, str) else slugs.kebab(str(key))
        found += [
            Page(url, None)
            for url in _paginated(_join(base, slug), posts.get(str(key), 0), options["postsPerPage"], options)
        ]
    return found


def strip_number_prefix(name: str) -> str:
    """A file or folder name without its number prefix (``01-intro`` -> ``intro``), as the docs
    plugin's default parser strips it (``2021-11-foo`` and ``7.0-foo`` keep theirs)."""
    return name if _VERSION_LIKE.match(name) else _NUMBER_PREFIX.sub("", name, count=1)


def _docs_pages(site: Site, root: Path, options: dict[str, Any]) -> list[Page]:
    """The docs plugin's pages (one version, the current one): each doc at ``<routeBasePath>/``
    and its slug (front matter ``slug``, absolute or from its folder; a folder's ``index``,
    ``README`` or same-named doc is the folder; else its ``id``, the file name without its number
    prefix), number prefixes stripped from folders; and the generated index of each
    ``_category_`` file that asks for one, as an autogenerated sidebar shows it."""
    folder = (root / str(options["path"])).resolve()
    route = _join(options["routeBasePath"] or "")
    if not readable(site, folder, "the docs' path", under=f"{route}/" if route else "") or not folder.is_dir():
        return []
    if (root / "versions.json").is_file():
        guess(
            site,
            f"{root / 'versions.json'}: versioned docs are not modelled; only the current version's URLs are known",
        )
    sidebars = (root / str(options["sidebarPath"] or "sidebars.js")).resolve()
    if (
        readable(site, sidebars, "the sidebars file")
        and sidebars.is_file()
        and "generated-index" in read_source(sidebars, site.boundary)
    ):
        guess(site, f"{sidebars}: its generated-index categories are computed by the site's code")
    found: list[Page] = []
    in_use: dict[str, int] = {}
    tag_file = _tag_file(site, folder, options)
    tags: set[str] = set()
    for file, relative, meta in _sources(site, folder):
        if meta.get("draft") is not True and meta.get("unlisted") is not True:
            tags.update(_tag_permalinks(meta.get("tags"), tag_file))
        strip = meta.get("parse_number_prefixes") is not False
        directory, _, name = relative.rpartition("/")
        stem, written_folder = name.rsplit(".", 1)[0], directory.rsplit("/", 1)[-1]
        if strip:
            directory = "/".join(strip_number_prefix(part) for part in directory.split("/")) if directory else ""
        own = meta.get("slug")
        folder_slug = f"/{directory}/" if directory else "/"
        if isinstance(own, str) and own.startswith("/"):
            slug = own
        elif own is None and stem.lower() in ("index", "readme", written_folder.lower()):
            slug = folder_slug
        else:
            base = (
                own if isinstance(own, str) else str(meta.get("id") or (strip_number_prefix(stem) if strip else stem))
            )
            slug = posixpath.normpath(posixpath.join(folder_slug, base))
        found.append(Page(_join(route, slug), file, (), meta.get("draft") is not True))
    for category in sorted(folder.rglob("_category_.*")):
        label_slug = _generated_index(category, in_use)
        if label_slug is not None:
            found.append(Page(_join(route, label_slug), None))
    if tags:  # the tags list and one page per tag, not paginated
        base = _join(route, options["tagsBasePath"])
        found += [Page(base, None), *(Page(_join(base, tag), None) for tag in sorted(tags))]
    return found


def _generated_index(category: Path, in_use: dict[str, int]) -> str | None:
    """The slug of the generated index a ``_category_.json``/``.yml`` asks for, if it does:
    its ``link.slug``, else ``/category/`` and its label slugified (github-slugger, repeats
    numbered)."""
    from medlint.generators.common import settings_of

    if category.suffix not in (".json", ".yml", ".yaml"):
        return None
    try:
        data = settings_of(category)
    except SiteError:
        return None
    link = data.get("link")
    if not isinstance(link, dict) or link.get("type") != "generated-index":
        return None
    if isinstance(link.get("slug"), str):
        return link["slug"]
    label = data.get("label") if isinstance(data.get("label"), str) else strip_number_prefix(category.parent.name)
    slug = slugs.github(label)
    count = in_use.get(slug, 0)
    in_use[slug] = count + 1
    return f"/category/{slug}-{count}" if count else f"/category/{slug}"


def _src_pages(site: Site, root: Path) -> list[Page]:
    """The pages plugin: each page of ``src/pages`` at its path, ``index`` its folder."""
    folder = root / "src" / "pages"
    if not folder.is_dir():
        return []
    found = []
    for path in files_named(folder, site.boundary, lambda name: name.endswith(_PAGE_SOURCES)):
        relative = path.relative_to(folder).as_posix()
        if _excluded(relative):
            continue
        stem = relative.rsplit(".", 1)[0]
        url = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem
        found.append(Page(url, path if relative.endswith(Docusaurus.page_suffixes) else None))
    return found

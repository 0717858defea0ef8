"""Hugo sites: ``hugo.toml`` (or ``config.toml``/``.yaml``/``.json``), ``baseURL``, ``content/``.

A page's URL, by Hugo's documented rules: ``content/_index.md`` is the home page, a section's
``_index.md`` its list page (``/posts/``), a leaf bundle's ``index.md`` its folder, any other file
``/<section path>/<slug or file name>/``. Front matter ``url`` replaces the whole path, ``slug`` the
last part; ``[permalinks]`` patterns per section (``:year``, ``:month``, ``:day``, ``:title``,
``:slug``, ``:filename``, ``:section``, ``:contentbasename``) apply to its regular pages. Paths are
lower-cased (unless ``disablePathToLower``). ``aliases`` reach the page too. ``draft: true``,
a future ``date`` (unless ``buildFuture``) and a past ``expiryDate`` (unless ``buildExpired``) are
not published. ``{{< ref "path" >}}`` and ``relref`` name a page by its path (from the page's
folder, then from ``content/``) or by its bare name.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from medlint.document.dialect import Dialect
from medlint.document.linksyntax import HUGO_REF
from medlint.generators import dates, permalinks, slugs
from medlint.generators.base import Evidence, Generator, SiteOptions
from medlint.generators.common import content_stamp, front_matter_of, has_hugo_keys, inside, plain_files, settings_of
from medlint.site import Page, Site

_LEGACY_SETTINGS = ("config.toml", "config.yaml", "config.yml", "config.json")


class Hugo(Generator):
    name = "hugo"
    build_folder = (("publishDir", "publishdir"), "public")
    import_tags = 'Hugo\'s built-in templates: {{ template "_internal/opengraph.html" . }} in the head of baseof.html (the canonical link: <link rel="canonical" href="{{ .Permalink }}">)'
    settings_files = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
    language_keys = ("languageCode", "defaultContentLanguage")

    def evidence(self, folder: Path) -> Evidence:
        """``hugo.*`` is Hugo's; a ``config.*`` (Hugo's older name, shared with Zola) counts 1, and
        2 more with Hugo's ``baseURL`` key, 1 more beside a ``content/`` folder."""
        own = self.settings_file(folder)
        if own is not None:
            return Evidence(3, own)
        legacy = next((folder / name for name in _LEGACY_SETTINGS if (folder / name).is_file()), None)
        if legacy is None:
            return Evidence(0)
        score = 1 + (2 if has_hugo_keys(legacy) else 0) + (1 if (folder / "content").is_dir() else 0)
        return Evidence(score, legacy)

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        settings = settings_of(settings_file) if settings_file is not None else {}
        content = inside(
            folder / str(settings.get("contentDir") or "content"),
            options.boundary,
            "contentDir",
            settings_file or folder,
            required=False,
        )
        base = settings.get("baseURL") or settings.get("baseurl")
        return self.site(content, str(base) if base else None, settings, settings_file, options)

    def dialect(self, settings: Mapping[str, Any]) -> Dialect:
        return Dialect(link_syntaxes=(HUGO_REF,))

    def pages(self, site: Site) -> list[Page]:
        content = site.docs_dir
        if content is None:
            return []
        settings = site.settings
        patterns = {str(k): str(v) for k, v in (settings.get("permalinks") or {}).items()}
        lower = not settings.get("disablePathToLower", False)
        now = dates.now()
        found = []
        taxonomies = _taxonomies(settings)
        terms: dict[str, set[str]] = {plural: set() for plural in taxonomies}
        files = site.content_files()
        for file in files:
            meta = front_matter_of(file, site.boundary)
            url = _url(file.relative_to(content), meta, patterns)
            url = url.lower() if lower else url
            aliases = tuple(_alias(alias, url) for alias in permalinks.listed(meta.get("aliases")))
            published = not (
                meta.get("draft") is True
                or (dates.later(meta.get("date") or meta.get("publishDate"), now) and not settings.get("buildFuture"))
                or (dates.earlier(meta.get("expiryDate"), now) and not settings.get("buildExpired"))
            )
            found.append(Page(url.lstrip("/"), file, aliases, published))
            if published:
                for plural in taxonomies:
                    terms[plural].update(permalinks.names(meta.get(plural)))
        root = site.settings_file.parent if site.settings_file is not None else content.parent
        return (
            found
            + _section_lists(files, content, lower)
            + _taxonomy_pages(terms, lower)
            + _not_found_page(root, settings)
        )

    def pages_stamp(self, site: Site) -> bytes | None:
        """Hugo's URLs come from its settings file and its pages' paths and front matter."""
        return content_stamp(site)

    def files(self, site: Site) -> dict[Path, str]:
        """``static/`` (``staticDir``, and the theme's) at the site's root, and every resource of a
        page bundle beside its page: under a leaf bundle (a folder with ``index.md``) at any depth,
        in a branch bundle's own folder (``_index.md``). ``assets/`` is published only through
        Hugo Pipes, which medlint does not follow."""
        content = site.docs_dir
        if content is None:
            return {}
        root = site.settings_file.parent if site.settings_file is not None else content.parent
        found: dict[Path, str] = {}
        for folder in _static_folders(root, site.settings):
            for file in plain_files(folder, site.boundary):
                found.setdefault(file, file.relative_to(folder).as_posix())
        for file in plain_files(content, site.boundary):
            bundle = next((parent for parent in file.parents if (parent / "index.md").is_file()), None)
            if bundle is not None and content in (bundle, *bundle.parents):
                found[file] = site.url_path(bundle / "index.md") + file.relative_to(bundle).as_posix()
            elif (file.parent / "_index.md").is_file():
                found[file] = site.url_path(file.parent / "_index.md") + file.name
        return found

    def expand_markup(self, text: str, resolve: Callable[[str], str | None]) -> str:
        from medlint.generators.embeds import expand_hugo

        return expand_hugo(text, resolve)

    def resolve_reference(self, site: Site, syntax: str, reference: str, from_file: str) -> Page | None:
        """Hugo's ``ref``: a path from the page's folder, else from ``content/`` (``/`` starts
        there), with or without ``.md``, or a bundle's folder; else a page's bare name, when only
        one page has it."""
        content = site.docs_dir
        name = reference.split("#", 1)[0].strip()
        if content is None or not name:
            return None
        site.entries()
        by_file = {page.file: page for page in site.entries() if page.file is not None}
        folders = [content] if name.startswith("/") else [Path(os.path.dirname(os.path.abspath(from_file))), content]
        for folder in folders:
            base = Path(os.path.normpath(folder / name.lstrip("/")))
            for candidate in (base, base.with_name(base.name + ".md"), base / "index.md", base / "_index.md"):
                if candidate in by_file:
                    return by_file[candidate]
        if "/" in name:
            return None
        stem = name.rsplit(".", 1)[0] if name.endswith(".md") else name
        named = [page for file, page in by_file.items() if _bare_name(file) == stem]
        return named[0] if len(named) == 1 else None


def _static_folders(root: Path, settings: Mapping[str, Any]) -> list[Path]:
    configured = settings.get("staticDir") or "static"
    names = configured if isinstance(configured, list) else [configured]
    theme = settings.get("theme")
    themes = [theme] if isinstance(theme, str) else theme if isinstance(theme, list) else []
    folders = [root / str(name) for name in names] + [root / "themes" / str(name) / "static" for name in themes]
    return [folder for folder in folders if folder.is_dir()]


def _taxonomies(settings: Mapping[str, Any]) -> list[str]:
    """The plural names of the site's taxonomies: ``[taxonomies]`` (singular = plural), else Hugo's
    default ``tags`` and ``categories``; none where ``disableKinds`` turns off their pages."""
    disabled = {str(kind).lower() for kind in permalinks.listed(settings.get("disableKinds"))}
    if {"taxonomy", "term"} <= disabled:
        return []
    declared = settings.get("taxonomies")
    if isinstance(declared, Mapping):
        return [str(plural) for plural in declared.values() if isinstance(plural, str) and plural]
    return ["tags", "categories"]


def _taxonomy_pages(terms: dict[str, set[str]], lower: bool) -> list[Page]:
    """Each taxonomy's list page (``/tags/``) and one page for each term its published pages use
    (``/tags/docker/``, the term through ``urlize``)."""
    pages = []
    for plural, used in terms.items():
        folder = plural.lower() if lower else plural
        pages.append(Page(f"{folder}/", None))
        slugs_of = {slugs.hugo_urlize(term) if lower else slugs.hugo_path(term) for term in used}
        pages.extend(Page(f"{folder}/{slug}/", None) for slug in sorted(slugs_of) if slug)
    return pages


def _not_found_page(root: Path, settings: Mapping[str, Any]) -> list[Page]:
    """``/404.html``, which Hugo renders from a ``404.html`` layout of the site or its theme."""
    theme = settings.get("theme")
    themes = [theme] if isinstance(theme, str) else permalinks.listed(theme)
    layouts = [root / "layouts", *(root / "themes" / name / "layouts" for name in themes)]
    return [Page("404.html", None)] if any((folder / "404.html").is_file() for folder in layouts) else []


def _bare_name(file: Path) -> str:
    return file.parent.name if file.stem in ("index", "_index") else file.stem


def _section_lists(files: list[Path], content: Path, lower: bool) -> list[Page]:
    """The home page and the list page of each top-level section, which Hugo makes when they have
    no ``_index.md`` of their own."""
    parts = [file.relative_to(content).parts for file in files]
    sections = {found[0] for found in parts if len(found) > 1}
    own = {found[0] for found in parts if len(found) == 2 and found[1] == "_index.md"}
    home = [] if ("_index.md",) in parts else [Page("", None)]
    return home + [Page(f"{name.lower() if lower else name}/", None) for name in sorted(sections - own)]


def _url(relative: Path, meta: dict[str, Any], patterns: dict[str, str]) -> str:
    parts = relative.parts
    stem = relative.stem
    folder = "/".join(parts[:-1])
    if isinstance(meta.get("url"), str):
        return permalinks.as_folder(meta["url"])
    if stem == "_index":
        return f"/{folder}/" if folder else "/"
    if stem == "index" and folder:  # a leaf bundle
        base_name = parts[-2]
        folder = "/".join(parts[:-2])
    else:
        base_name = stem
    section = parts[0] if len(parts) > 1 else ""
    slug = slugs.hugo_path(str(meta["slug"])) if meta.get("slug") else None
    pattern = patterns.get(section) or patterns.get("page")
    if pattern:
        return permalinks.as_folder(permalinks.expand(pattern, _values(meta, base_name, section, slug)))
    last = slug or slugs.hugo_path(base_name)
    folder = slugs.hugo_path(folder)
    return f"/{folder}/{last}/" if folder else f"/{last}/"


def _values(meta: dict[str, Any], base_name: str, section: str, slug: str | None) -> dict[str, str]:
    date = dates.date_of(meta.get("date"))
    title = slugs.hugo_title(str(meta.get("title") or base_name))
    return {
        "year": f"{date.year:04d}" if date else "",
        "month": f"{date.month:02d}" if date else "",
        "day": f"{date.day:02d}" if date else "",
        "title": title,
        "slug": slug or title,
        "filename": base_name,
        "contentbasename": base_name,
        "section": section,
        "sections": section,
    }


def _alias(alias: str, url: str) -> str:
    """An alias as a path from the site root (a relative alias is relative to the page's folder)."""
    if alias.startswith("/"):
        return alias.lstrip("/")
    parent = url.strip("/").rsplit("/", 1)[0] if "/" in url.strip("/") else ""
    return f"{parent}/{alias}".lstrip("/")

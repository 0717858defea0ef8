"""Astro sites: ``astro.config.{mjs,js,ts}`` read as text (``site``, ``base``, ``srcDir``,
``build.format``, the MDX integration), the content collections of ``src/content.config.ts``
(or the older ``src/content/config.ts``) and the route files of ``src/pages``, never run.

A page's URL, by Astro's rules (5.x): a Markdown, MDX, ``.astro`` or ``.html`` file of
``src/pages`` is at its path (``index`` its folder, ``404`` at ``404.html``); ``_`` files and
folders are not routes. A collection's entry is published by a dynamic route file
(``[slug].astro``, ``[...slug].astro``, ``[id].astro``) whose ``getStaticPaths`` maps the
collection's entries to the route's parameter: ``params: { slug: post.id }`` (or ``.slug``). An
entry's ``id`` is its front matter ``slug``, else its path under the collection's ``glob()`` base
without the extension, each part slugified as github-slugger does (``index`` its folder); in an
older collection (no loader) that is its ``slug``, and its ``id`` is its file's path. A route
medlint cannot read this way (pagination, a parameter built by code) is a computed route: one
notice names the file, and medlint suggests no URL for its pages, unless the site is trusted
(``--trust-site``): Astro then builds it, and its output is what is published
(:mod:`medlint.generators.own_build`). Entries no route publishes are
not pages. Drafts: ``draft: true`` where the route's filter reads ``draft``. A page is written as
``<url>/index.html`` (``build.format: "directory"``, the default) or ``<url>.html``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    inside,
    readable,
    say_computed,
    under_base,
)
from medlint.generators.jstext import MAX_DECLARATIONS, block_of, object_after, read_settings, read_source, value_of
from medlint.generators.own_build import Published, astro_published, files_of, own_build, pages_of
from medlint.notices import notice
from medlint.site import Page, Site

_SCRIPTS = ("ts", "js", "mjs", "mts")
_ROUTES = (".astro", ".md", ".mdx", ".html", ".js", ".ts")
_COLLECTION = re.compile(r"(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]{1,200})?=\s*defineCollection\s*\(")
_GET_COLLECTION = re.compile(r"""getCollection\s*\(\s*["']([\w-]+)["']""")
_PARAMS = re.compile(r"params\s*:\s*\{\s*([A-Za-z_$][\w$]*)\s*:\s*[A-Za-z_$][\w$]*(?:\?)?\.(id|slug)\s*,?\s*\}")
_DYNAMIC = re.compile(r"^\[(\.\.\.)?([A-Za-z_$][\w$]*)\]$")


@dataclass
class Collection:
    """A content collection of Markdown entries: its folder, its glob, and whether its entries are
    identified by the older ``slug`` (a collection without a loader)."""

    name: str
    folder: Path
    pattern: str = "**/*.{md,mdx}"
    legacy: bool = False
    #: (file, its path under the folder, its slug: front matter ``slug`` or the path slugified,
    #: front matter); a loader's ``id`` is the slug, an older collection's the path
    entries: list[tuple[Path, str, str, dict[str, Any]]] = field(default_factory=list)

    def value(self, entry: tuple[Path, str, str, dict[str, Any]], field_name: str) -> str | None:
        """What ``entry.id`` or ``entry.slug`` is (``None``: an entry has no such field)."""
        _, relative, slug, _ = entry
        if field_name == "id":
            return relative if self.legacy else slug
        return slug if self.legacy else None


class Astro(Generator):
    name = "astro"
    build_folder = (("outDir",), "dist")
    stamped_by_project = files_in_stamp = True
    import_tags = (
        "write them in the layout's <head> from the post's frontmatter (Astro.url for og:url and the canonical link)"
    )
    settings_files = tuple(f"astro.config.{suffix}" for suffix in ("mjs", "js", "ts", "mts", "cjs"))
    page_suffixes = (".md", ".mdx")
    package = "astro"

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        keys = ("site", "base", "srcDir")
        source, settings = read_settings(settings_file, options.boundary, keys, f"{folder}: no astro.config.mjs")
        build = block_of(source, "build")
        settings["format"] = value_of(build, "format") if isinstance(build, str) else None
        assets = value_of(build, "assets") if isinstance(build, str) else None
        settings["assets"] = assets.strip("/") if isinstance(assets, str) else None
        settings["mdx"] = "@astrojs/mdx" in source
        src = inside(
            folder / str(settings["srcDir"] or "src"), options.boundary, "srcDir", settings_file, required=False
        )
        return self.site(src, under_base(settings["site"], settings["base"]), settings, settings_file, options)

    def pages(self, site: Site) -> list[Page]:
        src = site.docs_dir
        if src is None:
            return []
        published = self._own_build(site)
        if published is not None:
            from medlint.notices import routed_to

            with routed_to(None):  # what the routes say gives the pages' sources; the build, the rest
                read = self._read_pages(site, src)
            site.guessed.clear()
            site.decided_by_code.clear()
            return pages_of(published, read, complete=False)
        return self._read_pages(site, src)

    def _read_pages(self, site: Site, src: Path) -> list[Page]:
        say_computed(site)
        # what the build bundles and the images it optimizes are written under build.assets,
        # named by their content's hash
        decides(site, f"{site.settings.get('assets') or '_astro'}/")
        collections = {collection.name: collection for collection in _collections(site, src)}
        found: list[Page] = []
        routed: dict[Path, Page] = {}
        for route in _route_files(site, src / "pages"):
            relative = route.relative_to(src / "pages").as_posix()
            parts = relative.rsplit(".", 1)[0].split("/")
            if not any(part.startswith("[") for part in parts):
                if not route.name.endswith((".js", ".ts")):
                    markdown = route.suffix in (".md", ".mdx")
                    found.append(Page(_static_url(parts), route if markdown else None))
                continue
            for entry, url, published in _routed_entries(site, route, parts, collections):
                known = routed.get(entry)
                if known is None or known.url is None:  # a route that is read wins over one that is not
                    routed[entry] = Page(url, entry, (), published) if url is not None or known is None else known
                elif url is not None:
                    routed[entry] = Page(known.url, entry, (*known.aliases, url), known.published)
        found += routed.values()
        return [_written(page, site) for page in found]

    def files(self, site: Site) -> dict[Path, str]:
        """``public/``, copied to the site's root, and the endpoints of ``src/pages``
        (``rss.xml.js`` is ``rss.xml``)."""
        src = site.docs_dir
        if src is None:
            return {}
        from medlint.generators.common import plain_files

        public = src.parent / "public"
        found = (
            {file: file.relative_to(public).as_posix() for file in plain_files(public, site.boundary)}
            if public.is_dir()
            else {}
        )
        for route in _route_files(site, src / "pages"):
            if route.name.endswith((".js", ".ts")) and "[" not in route.as_posix():
                found[route] = route.relative_to(src / "pages").as_posix().rsplit(".", 1)[0]
        built = self._own_build(site)
        return files_of(built, found, src.parent / "dist") if built is not None else found

    def _own_build(self, site: Site) -> Published | None:
        """What ``astro build`` publishes, where the site is trusted (``--trust-site``)."""
        src = site.docs_dir
        if not site.trusted or src is None:
            return None
        return own_build(site, lambda: astro_published(src.parent), src.parent, self.output_folder(site))

    def page_url(self, site: Site, file: Path) -> str | None:
        """A Markdown file no route publishes is no page of the site."""
        return None


def _static_url(parts: list[str]) -> str:
    if parts == ["404"]:
        return "404.html"
    path = "/".join(parts)
    return path[: -len("index")] if parts[-1] == "index" else path


def _written(page: Page, site: Site) -> Page:
    """Where a page (and each other route to it) is written: ``<url>/index.html``, or
    ``<url>.html`` with ``build.format`` ``file`` or ``preserve``."""
    as_file = site.settings.get("format") in ("file", "preserve")

    def written(url: str) -> str:
        if not url or url.endswith((".html", "/")):
            return url
        return f"{url}.html" if as_file else f"{url}/"

    url = written(page.url) if page.url is not None else None
    return Page(url, page.file, tuple(written(alias) for alias in page.aliases), page.published)


def _route_files(site: Site, pages: Path) -> list[Path]:
    """The route files of ``src/pages`` (``_`` files and folders are not routes)."""
    if not pages.is_dir():
        return []
    found = files_named(pages, site.boundary, lambda name: name.endswith(_ROUTES))
    return [path for path in found if not any(part.startswith("_") for part in path.relative_to(pages).parts)]


def _collections(site: Site, src: Path) -> list[Collection]:
    """The site's content collections of Markdown, from its content config read as text."""
    config = next(
        (
            path
            for name in ("content.config", "content/config")
            for suffix in _SCRIPTS
            if (path := src / f"{name}.{suffix}").is_file()
        ),
        None,
    )
    content = src / "content"
    if config is None:
        folders = sorted(path for path in content.iterdir() if path.is_dir()) if content.is_dir() else []
        found = [Collection(folder.name, folder, legacy=True) for folder in folders]
    else:
        found = _declared(site, read_source(config, site.boundary), src.parent, content)
    for collection in found:
        _read_entries(site, collection)
    return found


def _declared(site: Site, source: str, project: Path, content: Path) -> list[Collection]:
    """The collections a content config declares: ``glob({ pattern, base })`` loaders, and
    collections without a loader (``src/content/<name>``)."""
    variables: dict[str, Collection | None] = {}
    for declared in islice(_COLLECTION.finditer(source), MAX_DECLARATIONS):
        options = object_after(source, declared.end()) or ""
        loader = re.search(r"\bloader\s*:\s*glob\s*\(", options)
        if loader is not None:
            arguments = object_after(options, loader.end()) or ""
            base, pattern = value_of(arguments, "base"), value_of(arguments, "pattern")
            if isinstance(base, str) and isinstance(pattern, str):
                variables[declared.group(1)] = Collection("", (project / base).resolve(), pattern)
            else:
                variables[declared.group(1)] = None
        elif re.search(r"\bloader\s*:", options) is None:
            variables[declared.group(1)] = Collection("", content, legacy=True)
    exported = re.search(r"collections\s*=\s*", source)
    mapping = object_after(source, exported.end()) if exported is not None else None
    found = []
    for item in re.finditer(r"""["']?([\w-]+)["']?\s*(?::\s*([A-Za-z_$][\w$]*))?\s*(?:,|\})""", mapping or ""):
        name, variable = item.group(1), item.group(2) or item.group(1)
        collection = variables.get(variable)
        if collection is not None:
            folder = collection.folder / name if collection.legacy else collection.folder
            found.append(Collection(name, folder, collection.pattern, collection.legacy))
        elif variable in variables:
            guess(
                site, f"collection {name!r}: its loader's base and pattern are not literals; its entries are not read"
            )
    return found


def _read_entries(site: Site, collection: Collection) -> None:
    """The collection's Markdown entries matching its glob, with their ids and front matter."""
    if (
        not readable(site, collection.folder, f"collection {collection.name!r}'s base")
        or not collection.folder.is_dir()
    ):
        return
    matcher = _glob(collection.pattern)
    suffixes = (".md", ".mdx") if site.settings.get("mdx") else (".md",)
    for file in site.content_files():
        try:
            relative = file.relative_to(collection.folder).as_posix()
        except ValueError:
            continue
        if collection.legacy and any(part.startswith("_") for part in relative.split("/")):
            continue
        if not matcher.match(relative) or not relative.lower().endswith(suffixes):
            continue
        if not collection.legacy and ("?" in relative or "#" in relative):
            # the glob loader makes a file URL of the path with encodeURI, which leaves "?" and "#"
            # as they are: the rest of the name is then a query or a fragment, and no file is read
            notice(f"{file}: Astro's glob() loader cannot read a file whose path holds '?' or '#'; it is not published")
            continue
        meta = front_matter_of(file, site.boundary)
        own = meta.get("slug")
        slug = own if isinstance(own, str) and own else entry_slug(relative)
        collection.entries.append((file, relative, slug, meta))


def entry_slug(relative: str) -> str:
    """An entry's id from its path: each part slugified (github-slugger), the extension and a
    last ``index`` dropped."""
    stem = relative.rsplit(".", 1)[0]
    slug = "/".join(slugs.github(part) for part in stem.split("/"))
    return slug.removesuffix("/index")


def _glob(pattern: str) -> re.Pattern[str]:
    """A glob (``**/*.{md,mdx}``) as a regular expression over a path from its base."""
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        character = pattern[index]
        if character == "*":
            out.append(".*" if pattern.startswith("**", index) else "[^/]*")
            index += 2 if pattern.startswith("**", index) else 1
            continue
        if character == "{":
            end = pattern.find("}", index)
            if end != -1:
                out.append("(?:" + "|".join(re.escape(option) for option in pattern[index + 1 : end].split(",")) + ")")
                index = end + 1
                continue
        out.append("[^/]" if character == "?" else re.escape(character))
        index += 1
    return re.compile("".join(out) + r"\Z")


def _routed_entries(
    site: Site, route: Path, parts: list[str], collections: dict[str, Collection]
) -> list[tuple[Path, str | None, bool]]:
    """(entry, URL, published) for each entry a dynamic route publishes; a route that cannot be
    read gives its collection's entries no URL, with one notice naming the route."""
    text = read_source(route, site.boundary)
    named = _GET_COLLECTION.search(text)
    collection = collections.get(named.group(1)) if named is not None else None
    params = _PARAMS.search(text)
    dynamic = [(index, _DYNAMIC.match(part)) for index, part in enumerate(parts) if "[" in part]
    readable = (
        collection is not None
        and params is not None
        and "paginate(" not in text
        and len(dynamic) == 1
        and dynamic[0][1] is not None
        and dynamic[0][1].group(2) == params.group(1)
    )
    if not readable:
        first = next(index for index, part in enumerate(parts) if "[" in part)
        prefix = "".join(f"{part}/" for part in parts[:first])
        guess(site, f"{route}: a route medlint cannot read from its file; it suggests no URL for its pages", prefix)
        return [(entry[0], None, True) for entry in collection.entries] if collection is not None else []
    assert collection is not None and params is not None
    index, match = dynamic[0]
    assert match is not None
    rest, drafts = bool(match.group(1)), "draft" in text
    found: list[tuple[Path, str | None, bool]] = []
    for entry in collection.entries:
        file, meta, entry_id = entry[0], entry[3], collection.value(entry, params.group(2))
        if entry_id is None:
            guess(site, f"{route}: its entries have no {params.group(2)!r}; medlint suggests no URL for them")
            found.append((file, None, True))
            continue
        if not rest and "/" in entry_id:
            continue  # Astro refuses a "/" in a [param]
        url = "/".join(part for part in [*parts[:index], entry_id, *parts[index + 1 :]] if part)
        url = url[: -len("index")] if url == "index" or url.endswith("/index") else url
        found.append((file, url, not (drafts and meta.get("draft") is True)))
    return found

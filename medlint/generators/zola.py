"""Zola sites: ``config.toml`` (``base_url``), ``content/``.

A page's URL, by Zola's documented rules: a section's ``_index.md`` is its folder (``/blog/``), a
page bundle's ``index.md`` is ``/<parent>/<slug of its folder>/``, any other file
``/<section>/<slug>/``, where the slug is front matter ``slug``, else the file name without a
leading date (``2024-01-02-hello.md`` -> ``hello``), slugified. Front matter ``path`` replaces the
whole path; ``aliases`` reach the page too; ``draft = true`` is not published. ``@/blog/post.md``
links name a file by its path from ``content/``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medlint.document.dialect import Dialect
from medlint.document.linksyntax import ZOLA_INTERNAL
from medlint.generators import permalinks, slugs
from medlint.generators.base import Evidence, Generator, SiteOptions
from medlint.generators.common import content_stamp, front_matter_of, has_hugo_keys, inside, plain_files, settings_of
from medlint.site import Page, Site

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?[_-]")


class Zola(Generator):
    name = "zola"
    build_folder = (("output_dir",), "public")
    import_tags = "write them in the template's <head> from page.title, page.description and page.permalink"
    settings_files = ("config.toml",)
    language_keys = ("default_language",)

    def evidence(self, folder: Path) -> Evidence:
        """``config.toml`` counts 2, a ``content/`` and a ``templates/`` folder 1 each; Hugo's keys
        in it count against."""
        found = self.settings_file(folder)
        if found is None:
            return Evidence(0)
        folders = (folder / "content").is_dir() + (folder / "templates").is_dir()
        return Evidence(2 + folders - (3 if has_hugo_keys(found) else 0), found)

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        settings = settings_of(settings_file) if settings_file is not None else {}
        content = inside(
            folder / "content", options.boundary, "content folder", settings_file or folder, required=False
        )
        base = settings.get("base_url")
        return self.site(content, str(base) if base else None, settings, settings_file, options)

    def dialect(self, settings: Mapping[str, Any]) -> Dialect:
        return Dialect(link_syntaxes=(ZOLA_INTERNAL,))

    def pages(self, site: Site) -> list[Page]:
        content = site.docs_dir
        if content is None:
            return []
        found = []
        for file in site.content_files():
            meta = front_matter_of(file, site.boundary)
            url = _url(file.relative_to(content), meta)
            aliases = tuple(alias.lstrip("/") for alias in permalinks.listed(meta.get("aliases")))
            found.append(Page(url.lstrip("/"), file, aliases, meta.get("draft") is not True))
        return found

    def pages_stamp(self, site: Site) -> bytes | None:
        """Zola's URLs come from its settings file and its pages' paths and front matter."""
        return content_stamp(site)

    def files(self, site: Site) -> dict[Path, str]:
        """``static/`` at the site's root, and the assets colocated with a page bundle
        (``index.md``) or a section (``_index.md``), beside its page."""
        content = site.docs_dir
        if content is None:
            return {}
        found: dict[Path, str] = {}
        static = content.parent / "static"
        for file in plain_files(static, site.boundary) if static.is_dir() else []:
            found[file] = file.relative_to(static).as_posix()
        for file in plain_files(content, site.boundary):
            for index in ("index.md", "_index.md"):
                if (file.parent / index).is_file():
                    found[file] = site.url_path(file.parent / index) + file.name
                    break
        return found

    def resolve_reference(self, site: Site, syntax: str, reference: str, from_file: str) -> Page | None:
        """``@/path``: the file at that path under ``content/``."""
        if site.docs_dir is None:
            return None
        wanted = site.docs_dir / reference
        return next((page for page in site.entries() if page.file == wanted), None)


def _url(relative: Path, meta: dict[str, Any]) -> str:
    parts = [slugs.zola(part) for part in relative.parts[:-1]]
    if isinstance(meta.get("path"), str):
        path = meta["path"].strip("/")
        return f"/{path}/" if path else "/"
    if relative.stem == "_index":
        return "/" + "".join(f"{part}/" for part in parts)
    if relative.stem == "index" and parts:  # a page bundle: the folder is the page
        name, parts = relative.parts[-2], parts[:-1]
    else:
        name = relative.stem
    slug = slugs.zola(str(meta["slug"])) if meta.get("slug") else slugs.zola(_DATE_PREFIX.sub("", name))
    return "/" + "".join(f"{part}/" for part in [*parts, slug])

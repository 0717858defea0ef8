"""Zola sites: ``config.toml`` (``base_url``), ``content/``.

A page's URL, by Zola's documented rules: a section's ``_index.md`` is its folder (``/blog/``), a
page bundle's ``index.md`` is ``/<parent>/<slug of its folder>/``, any other file
``/<section>/<slug>/``, where the slug is front matter ``slug``, else the file name without a
leading date (``2024-01-02-hello.md`` -> ``hello``), slugified. Front matter ``path`` replaces the
whole path; ``aliases`` reach the page too; ``draft = true`` is not published.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from medlint import language
from medlint.files import Boundary
from medlint.generators.common import content_files, front_matter_of, inside, settings_of
from medlint.site import Page, Site

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?[_-]")


def open_site(folder: Path, settings_file: Path, configured_url: str | None, boundary: Boundary | None) -> Site:
    settings = settings_of(settings_file)
    content = inside(folder / "content", boundary, "content folder", settings_file, required=False)
    base = settings.get("base_url")
    return Site(
        content,
        configured_url or (str(base) if base else None),
        language=language.of_site_settings(settings),
        generator="zola",
        loader=pages,
        boundary=boundary,
    )


def pages(site: Site) -> list[Page]:
    content = site.docs_dir
    if content is None:
        return []
    files = content_files(site)
    found = []
    for file in files:
        meta = front_matter_of(file, site.boundary)
        url = _url(file.relative_to(content), meta)
        aliases = tuple(str(alias).lstrip("/") for alias in _list(meta.get("aliases")))
        found.append(Page(url.lstrip("/"), file, aliases, meta.get("draft") is not True))
    return found


def _url(relative: Path, meta: dict[str, Any]) -> str:
    parts = [slugify(part) for part in relative.parts[:-1]]
    if isinstance(meta.get("path"), str):
        path = meta["path"].strip("/")
        return f"/{path}/" if path else "/"
    if relative.stem == "_index":
        return "/" + "".join(f"{part}/" for part in parts)
    if relative.stem == "index" and parts:  # a page bundle: the folder is the page
        name, parts = relative.parts[-2], parts[:-1]
    else:
        name = relative.stem
    slug = slugify(str(meta["slug"])) if meta.get("slug") else slugify(_DATE_PREFIX.sub("", name))
    return "/" + "".join(f"{part}/" for part in [*parts, slug])


def slugify(text: str) -> str:
    """Zola's default (``slugify.paths = "on"``): ASCII, lower case, runs of other characters as ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _list(value: Any) -> list[str]:
    return [str(item) for item in value if isinstance(item, str)] if isinstance(value, list) else []

"""mkdocs-redirects: ``redirect_maps`` (old path -> page) make the old path reach the page too; a
redirect to another site is an address of this one that leads there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from medlint.site import Page

if TYPE_CHECKING:
    from medlint.generators.mkdocs.plugins.state import Build

PRIORITY = 0


def apply(build: Build, options: Mapping[str, Any]) -> None:
    add_aliases(build.pages, options, build.use_directory_urls)


def add_aliases(pages: dict[str, Page], options: Mapping[str, Any], use_directory_urls: bool) -> None:
    """Each redirect to a page of the site becomes an alias of that page; a redirect to another
    site's URL is a page of its own (the site publishes its address; it leads elsewhere)."""
    maps = options.get("redirect_maps")
    for old, target in maps.items() if isinstance(maps, dict) else ():
        alias = redirect_url(str(old), use_directory_urls)
        if "://" in str(target):
            pages.setdefault(f"redirect:{old}", Page(alias, None))
            continue
        page = pages.get(str(target))
        if page is not None:
            pages[str(target)] = Page(page.url, page.file, (*page.aliases, alias), page.published)


def redirect_url(old: str, use_directory_urls: bool) -> str:
    """Where mkdocs-redirects writes the page for ``old`` (``old.md`` -> ``old/`` or ``old.html``)."""
    stem = old.rsplit(".", 1)[0] if old.endswith((".md", ".markdown", ".html")) else old
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"

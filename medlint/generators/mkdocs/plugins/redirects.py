"""mkdocs-redirects: ``redirect_maps`` (old path -> page) make the old path reach the page too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from medlint.site import Page


def apply(pages: dict[str, Page], options: Mapping[str, Any], config: Any) -> dict[str, Page]:
    """Each redirect to a page of the site becomes an alias of that page (a redirect to another
    site's URL is left alone)."""
    maps = options.get("redirect_maps") or {}
    result = dict(pages)
    for old, target in ({str(old): str(new) for old, new in maps.items() if "://" not in str(new)}).items():
        page = result.get(target)
        if page is not None:
            alias = redirect_url(old, bool(config.use_directory_urls))
            result[target] = Page(page.url, page.file, (*page.aliases, alias), page.published)
    return result


def redirect_url(old: str, use_directory_urls: bool) -> str:
    """Where mkdocs-redirects writes the page for ``old`` (``old.md`` -> ``old/`` or ``old.html``)."""
    stem = old.rsplit(".", 1)[0] if old.endswith((".md", ".markdown", ".html")) else old
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"

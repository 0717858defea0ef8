"""MkDocs' path rules: a page's URL from its path under ``docs_dir`` (``guide.md`` is ``guide/``,
or ``guide.html`` without directory URLs; ``index.md`` and ``README.md`` are their folder).

MkDocs applies them before any plugin moves a page; a plain folder of pages follows them too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medlint.site import Page, Site


def path_url(page: str | os.PathLike[str], docs_dir: Path, use_directory_urls: bool = True) -> str:
    """A page's URL path from the site root (``""`` for the home page)."""
    full, root = os.fspath(page), str(docs_dir)
    inside = full.startswith(root) and full[len(root) : len(root) + 1] == os.sep
    relative = (full[len(root) + 1 :] if inside else os.path.relpath(page, docs_dir)).replace(os.sep, "/")
    folder, _, name = relative.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    prefix = f"{folder}/" if folder else ""
    is_index = stem == "index" or (
        stem.upper() == "README" and not os.path.exists(os.path.join(os.path.dirname(full), "index.md"))
    )
    if is_index:
        return prefix if use_directory_urls else f"{prefix}index.html"
    return f"{prefix}{stem}/" if use_directory_urls else f"{prefix}{stem}.html"


def path_pages(site: Site) -> list[Page]:
    """Every Markdown file under the site's ``docs_dir``, at the URL the path rules give it."""
    from medlint.site import Page

    docs = site.docs_dir
    if docs is None:
        return []
    directory = directory_urls(site)
    return [Page(path_url(source, docs, directory), source) for source in site.content_sources()]


def directory_urls(site: Site) -> bool:
    """MkDocs' ``use_directory_urls`` (``guide/`` rather than ``guide.html``), true by default."""
    return site.settings.get("use_directory_urls", True) is not False

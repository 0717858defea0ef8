"""URL rules of the MkDocs plugins that move pages or add URLs, one module a plugin.

Each module has ``apply(pages, options, config)``: it takes the pages by source path (``src_uri``)
and returns them as the plugin leaves them. They apply in the order of ``plugins:`` in
``mkdocs.yml``, as MkDocs runs them. :data:`PLUGINS` names the modules by the plugin's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from medlint.generators.mkdocs.plugins import redirects
from medlint.site import Page

PLUGINS = {"redirects": redirects}


def apply(pages: dict[str, Page], configured: list[tuple[str, Mapping[str, Any]]], config: Any) -> dict[str, Page]:
    """The pages after every known plugin of ``configured`` (``(name, options)`` in order)."""
    for name, options in configured:
        module = PLUGINS.get(name)
        if module is not None:
            pages = module.apply(pages, options, config)
    return pages

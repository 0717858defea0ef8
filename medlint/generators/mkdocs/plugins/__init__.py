"""URL rules of the MkDocs plugins that move pages or add URLs, one module a plugin, implemented
in medlint so that the answer needs neither the plugin installed nor its code run.

Each module has ``apply(build, options)``: it changes :attr:`Build.pages` as the plugin changes
MkDocs' file list. They apply in the order MkDocs runs their ``on_files`` events (each module's
``PRIORITY``, as the plugin declares it; then the order of ``plugins:``). A plugin that publishes no
URL of its own is :data:`NEUTRAL`; any other plugin that medlint does not know gets one notice
naming it, and the site's URLs count as guessed (:attr:`Build.guessed`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medlint.generators.mkdocs.plugins import blog, i18n, meta, redirects
from medlint.generators.mkdocs.plugins.state import Build, configured

__all__ = ["NEUTRAL", "PLUGINS", "Build", "apply", "configured"]

PLUGINS = {"blog": blog, "redirects": redirects, "i18n": i18n, "meta": meta}
"""Plugins whose URL rules medlint implements, by name (``material/blog`` is ``blog``)."""

NEUTRAL = frozenset(
    [
        "search",
        "tags",
        "social",
        "offline",
        "privacy",
        "optimize",
        "typeset",
        "info",
        "group",
        "projects",
        "minify",
        "minify-html",
        "git-revision-date-localized",
        "git-revision-date",
        "git-committers",
        "git-authors",
        "glightbox",
        "awesome-pages",
        "literate-nav",
        "section-index",
        "rss",
        "autorefs",
        "mkdocstrings",
        "include-markdown",
        "macros",
        "mermaid2",
        "table-reader",
        "caption",
        "open-in-new-tab",
        "codeinclude",
        "markdownextradata",
        "enumerate-headings",
        "exclude-search",
        "print-site-neutral",
        "drawio-exporter",
        "swagger-ui-tag",
        "badges",
        "medlint",
    ]
)
"""Plugins that change what a page shows or how it is found, never which URLs are published."""


def apply(build: Build, settings_file: Path) -> None:
    """Every configured plugin's URL rules, in the order MkDocs runs them; one notice for each
    plugin medlint does not know."""
    known = []
    for index, (name, options) in enumerate(configured(build.settings)):
        module = PLUGINS.get(name)
        if module is not None:
            if options.get("enabled", True) is not False:
                known.append((-module.PRIORITY, index, module, options))
        elif name not in NEUTRAL:
            build.guess(
                f"{settings_file}: medlint does not read the URL rules of the plugin {name!r}; it assumes the "
                "plugin moves no page, so findings about this site's URLs are warnings (--trust-site asks MkDocs)"
            )
    for _, _, module, options in sorted(known, key=lambda item: item[:2]):
        module.apply(build, options)


def file_url(src_uri: str, settings: Mapping[str, Any]) -> str:
    """Where a file MkDocs copies as it is ends up, after the plugins that move files."""
    url = src_uri
    for name, options in configured(settings):
        module = PLUGINS.get(name)
        move = getattr(module, "move_file", None)
        if move is not None and options.get("enabled", True) is not False:
            url = move(url, options)
    return url

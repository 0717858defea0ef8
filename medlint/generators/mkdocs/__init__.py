"""MkDocs and ProperDocs sites (``mkdocs.yml``, ``properdocs.yml``), read as data.

- :mod:`~medlint.generators.mkdocs.settings`: the settings file, ``INHERIT`` merged, without MkDocs;
- :mod:`~medlint.generators.mkdocs.build`: the page list, asked of MkDocs up to the navigation,
  or by its path rules (:mod:`~medlint.generators.pathrules`), cached; and the site of a running build;
- :mod:`~medlint.generators.mkdocs.plugins`: URL rules of the plugins that move pages, in order.

Zensical (:mod:`~medlint.generators.zensical`) reads the same settings and renders the same dialect.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medlint.document.dialect import Dialect
from medlint.files import Boundary
from medlint.generators.base import Generator, SiteOptions
from medlint.generators.common import inside, settings_of
from medlint.generators.mkdocs.settings import load_mkdocs_yml
from medlint.loaders import Tagged
from medlint.notices import notice
from medlint.site import Page, Site, SiteError

PLUGIN_ONLY_KEYS = ("check", "enabled", "import_check", "open_graph")
"""Keys of medlint's MkDocs plugin block that ``.medlint.yml`` does not have (what the plugin
does as MkDocs builds): read by the plugin, skipped where the block is read as medlint's settings."""


class MkDocs(Generator):
    """MkDocs: Python-Markdown with the site's ``markdown_extensions``; URLs asked of MkDocs."""

    name = "mkdocs"
    settings_files = ("mkdocs.yml", "mkdocs.yaml")
    holds_medlint_settings = True
    files_in_stamp = True

    def import_tags_fix(self, site: Site) -> str:
        """medlint's plugin writes them; Material has its own ways too. MkDocs' themes write the
        canonical link once ``site_url`` is set."""
        theme = site.settings.get("theme")
        material = (theme.get("name") if isinstance(theme, dict) else theme) == "material"
        own = "medlint's MkDocs plugin writes them with open_graph: true"
        if material:
            own += ", as do Material's social plugin and a meta block in overrides/main.html"
        return own + "; the theme writes the canonical link once site_url is set"

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        if settings_file is None:
            raise SiteError(f"{folder}: no {self.name} settings file")
        settings = self.read_settings(settings_file, options)
        for key in ("docs_dir", "site_url"):
            if isinstance(settings.get(key), Tagged):
                raise SiteError(
                    f"{settings_file}: {key} is written with the YAML tag {settings[key].tag}, which medlint does "
                    "not construct (it runs no code from the repository); write it as plain text"
                )
        if self.name == "zensical" or (folder / "zensical.toml").is_file():
            notice(f"{folder} is built with Zensical: the medlint MkDocs plugin does not run there; the CLI does")
        docs_dir = inside(folder / str(settings.get("docs_dir") or "docs"), options.boundary, "docs_dir", settings_file)
        site_url = str(settings["site_url"]) if settings.get("site_url") else None
        return self.site(docs_dir, site_url, settings, settings_file, options)

    def read_settings(self, settings_file: Path, options: SiteOptions) -> dict[str, Any]:
        return load_mkdocs_yml(settings_file, options.boundary)

    def pages(self, site: Site) -> list[Page]:
        """Read from the site's files (MkDocs' rules and its plugins'), or asked of MkDocs itself
        when the person running medlint trusts the site (``--trust-site``)."""
        from medlint.generators.mkdocs.pages import read_pages

        pages, site.guessed = read_pages(site, site.trusted)
        return pages

    def pages_stamp(self, site: Site) -> bytes | None:
        from medlint.generators.mkdocs.pages import pages_stamp

        return pages_stamp(site)

    def files(self, site: Site) -> dict[Path, str]:
        """The files MkDocs copies, after the plugins that move them (the blog's post assets)."""
        from medlint.generators.mkdocs.pages import native_files

        return native_files(site)

    def medlint_settings(self, settings_file: Path, boundary: Boundary) -> dict[str, Any] | None:
        """The ``medlint`` entry of ``plugins:``, without the plugin's own keys (an ``INHERIT`` is
        read inside ``boundary`` only)."""
        plugins = load_mkdocs_yml(settings_file, boundary).get("plugins") or []
        entries = (
            plugins.items()
            if isinstance(plugins, dict)
            else ((next(iter(p.items())) if isinstance(p, dict) else (p, {})) for p in plugins)
        )
        for name, settings in entries:
            if name == "medlint":
                block = dict(settings or {})
                for plugin_only in PLUGIN_ONLY_KEYS:
                    block.pop(plugin_only, None)
                return block
        return None

    def dialect(self, settings: Mapping[str, Any]) -> Dialect:
        return Dialect.of_markdown_extensions(settings.get("markdown_extensions"))


class ProperDocs(MkDocs):
    """ProperDocs, MkDocs' continuation: the same files and rules under ``properdocs.yml``."""

    name = "properdocs"
    settings_files = ("properdocs.yml", "properdocs.yaml")


def zensical_settings(settings_file: Path) -> dict[str, Any]:
    """``zensical.toml``'s ``[project]`` table."""
    project = settings_of(settings_file).get("project") or {}
    return project if isinstance(project, dict) else {}

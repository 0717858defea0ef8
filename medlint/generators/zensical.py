"""Zensical sites: ``zensical.toml`` (``[project]``) or ``mkdocs.yml``.

Zensical reads MkDocs' settings and skips the MkDocs plugins it does not know, so its site is
read with MkDocs' path rules, never by running MkDocs (the medlint MkDocs plugin does not run
under Zensical; the CLI and pre-commit do).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medlint.generators.base import Evidence, SiteOptions
from medlint.generators.mkdocs import MkDocs, zensical_settings
from medlint.site import Page, Site


class Zensical(MkDocs):
    name = "zensical"
    build_folder = (("site_dir",), "site")
    settings_files = ("zensical.toml", "mkdocs.yml", "mkdocs.yaml")
    import_tags = "a meta block in overrides/main.html; the theme writes the canonical link once site_url is set"

    def import_tags_fix(self, site: Site) -> str:
        """Zensical runs no MkDocs plugin: its theme's overrides write the tags."""
        return self.import_tags

    holds_medlint_settings = False  # Zensical runs no plugins; an mkdocs.yml block is MkDocs'

    def evidence(self, folder: Path) -> Evidence:
        """Only ``zensical.toml`` says Zensical: a lone ``mkdocs.yml`` is MkDocs'."""
        own = folder / "zensical.toml"
        return Evidence(3, own) if own.is_file() else Evidence(0)

    def read_settings(self, settings_file: Path, options: SiteOptions) -> dict[str, Any]:
        if settings_file.suffix == ".toml":
            return zensical_settings(settings_file)
        return super().read_settings(settings_file, options)

    def pages(self, site: Site) -> list[Page]:
        """MkDocs' path rules, exclusions and drafts; no MkDocs plugin runs under Zensical."""
        from medlint.generators.mkdocs.pages import read_pages

        pages, site.guessed = read_pages(site, trusted=False, with_plugins=False)
        return pages

    def files(self, site: Site) -> dict[Path, str]:
        from medlint.generators.mkdocs.pages import native_files

        return native_files(site, with_plugins=False)

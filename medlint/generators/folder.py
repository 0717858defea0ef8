"""A plain folder of Markdown pages: no generator, MkDocs' path rules (``guide.md`` is ``guide/``)."""

from __future__ import annotations

from pathlib import Path

from medlint.generators.base import Evidence, Generator, SiteOptions
from medlint.site import Site


class Folder(Generator):
    name = "folder"

    def evidence(self, folder: Path) -> Evidence:
        return Evidence(0)

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        return self.site(folder, None, {}, None, options)

    def pages_stamp(self, site: Site) -> bytes:
        """The path rules give every page's URL from the names of the Markdown files alone."""
        return "\0".join(site.content_sources()).encode("utf-8", "surrogateescape")

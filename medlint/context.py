"""What a rule may know beyond its document: the site it will be published on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medlint.site import Site


@dataclass(frozen=True)
class Context:
    """The run's view of the site: its pages (when known) and its public address (when known)."""

    site: Site | None = None

    @property
    def site_url(self) -> str | None:
        return self.site.site_url if self.site is not None else None

    @property
    def pages(self) -> Site | None:
        """The site, when its pages are known (not only its address)."""
        return self.site if self.site is not None and self.site.docs_dir is not None else None

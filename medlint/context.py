"""What a rule may know beyond its document: the site it will be published on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import language

if TYPE_CHECKING:
    from medlint.anchor_profile import AnchorProfile
    from medlint.document import Document
    from medlint.site import Site
    from medlint.targets import Platform


@dataclass(frozen=True)
class Context:
    """The run's view of the site: its pages (when known) and its public address (when known),
    and the language drafts are written in when they do not say."""

    site: Site | None = None
    #: the configured ``language``, else the site's (a primary language subtag)
    default_language: str | None = None
    #: every link home across the drafts and the posts already cross-posted, for the rules that
    #: declare ``needs_profile`` (``None`` before the documents are read, or without a site)
    profile: AnchorProfile | None = None
    #: the platforms drafts go to, unless a draft's front matter ``targets`` names its own
    targets: tuple[str, ...] = ("medium",)

    def platforms_of(self, doc: Document) -> list[Platform]:
        """The platforms the draft goes to: its front matter's ``targets``, else the run's."""
        from medlint.targets import platforms, unknown_names

        own = doc.meta.get("targets")
        if own is not None and unknown_names(own) == []:
            return platforms([own] if isinstance(own, str) else own)
        return platforms(self.targets)

    def language_of(self, doc: Document) -> str | None:
        """The draft's language: its front matter's, else the run's default, else unknown."""
        return language.of_front_matter(doc.meta) or self.default_language

    @property
    def site_url(self) -> str | None:
        return self.site.site_url if self.site is not None else None

    @property
    def pages(self) -> Site | None:
        """The site, when its pages are known (not only its address)."""
        return self.site if self.site is not None and self.site.has_pages else None

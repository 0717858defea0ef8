"""What rules may know beyond their document: configuration, the site, the other drafts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from medlint.config import Config
    from medlint.document import Document
    from medlint.similarity import SimilarityReport
    from medlint.site import Site


def display_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """How findings name a file: relative to ``root`` (default: the current folder), or absolute
    when that would climb more than one folder up (or cross drives)."""
    try:
        relative = os.path.relpath(path, root)
    except ValueError:
        return str(path)
    return os.path.abspath(path) if relative.split(os.sep)[:2] == [os.pardir, os.pardir] else relative


@dataclass
class Context:
    config: Config
    site: Site | None = None
    #: every document checked in this run (filled before cross-document rules run)
    documents: list[Document] = field(default_factory=list)
    use_cache: bool = True
    #: page digests kept in memory between runs of one process (``mkdocs serve`` rebuilds)
    page_memo: dict[str, Any] | None = None
    #: the folder file names in messages are relative to (the MkDocs project; default: the current folder)
    display_root: str | None = None
    _similarity: Any = field(default=None, repr=False)

    @property
    def site_url(self) -> str | None:
        return self.config.site_url or (self.site.site_url if self.site else None)

    def shown(self, path: str) -> str:
        """A file named in a message the way this run names files."""
        return display_path(path, self.display_root)

    def similarity(self) -> SimilarityReport:
        """Duplicate matches of every draft, computed once for all duplicate rules."""
        if self._similarity is None:
            from medlint.similarity import SimilarityReport

            self._similarity = SimilarityReport.build(self)
        return self._similarity

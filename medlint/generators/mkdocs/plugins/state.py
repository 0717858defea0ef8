"""What the plugin modules act on: MkDocs' file list as its ``on_files`` events leave it, as far
as URLs go, and the configured plugins."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.files import Boundary
from medlint.generators.common import PageHead, page_head
from medlint.notices import notice
from medlint.site import Page


@dataclass
class Build:
    """MkDocs' file list as its ``on_files`` events leave it, as far as URLs go: every page by its
    source path under ``docs_dir`` (``blog/posts/a.md``; a generated page by the path it would
    have), published or not."""

    docs_dir: Path
    settings: Mapping[str, Any]
    boundary: Boundary | None
    pages: dict[str, Page] = field(default_factory=dict)
    #: plugins whose URLs could not be read, which the site's URLs assume move no page
    guessed: list[str] = field(default_factory=list)
    _heads: dict[str, PageHead] = field(default_factory=dict, repr=False)

    @property
    def use_directory_urls(self) -> bool:
        return self.settings.get("use_directory_urls", True) is not False

    @property
    def locale(self) -> str:
        theme = self.settings.get("theme")
        language = theme.get("language") if isinstance(theme, dict) else None
        return language if isinstance(language, str) else "en"

    def url_of(self, src_uri: str) -> str:
        """The URL MkDocs gives a documentation page at ``src_uri`` (``a/b.md`` -> ``a/b/``)."""
        folder, _, name = posixpath.normpath(src_uri).rpartition("/")
        stem = name.rsplit(".", 1)[0]
        prefix = f"{folder}/" if folder else ""
        if stem in ("index", "README"):
            return prefix if self.use_directory_urls else f"{prefix}index.html"
        return f"{prefix}{stem}/" if self.use_directory_urls else f"{prefix}{stem}.html"

    def head(self, src_uri: str) -> PageHead:
        """A page's front matter and first line, read once."""
        found = self._heads.get(src_uri)
        if found is None:
            found = page_head(self.docs_dir / src_uri, self.boundary)
            self._heads[src_uri] = found
        return found

    def guess(self, what: str) -> None:
        """Record (and say, once) that ``what`` could not be read and is assumed away."""
        if what not in self.guessed:
            self.guessed.append(what)
            notice(what)


def configured(settings: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """``plugins:`` as (name, options) in order; a theme's namespace (``material/``) dropped."""
    raw = settings.get("plugins") or []
    entries = (
        raw.items()
        if isinstance(raw, dict)
        else ((next(iter(p.items())) if isinstance(p, dict) else (p, {})) for p in raw)
    )
    found = []
    for name, options in entries:
        if isinstance(name, str):
            found.append((name.rsplit("/", 1)[-1], options if isinstance(options, dict) else {}))
    return found

"""The platforms a draft is cross-posted to: one module each (``medium``, ``devto``,
``hashnode``), registered here. A platform declares what it renders, the front-matter keys it
reads, its title and tag limits, and how it takes the canonical link; the compatibility (ML4xx)
and metadata (ML5xx) rules judge a draft for each of its targets, and ``medlint export`` writes it
as each takes it. Adding a platform is adding a module and its name to :data:`NAMES`.

What a platform does not document either way is ``unknown``: no rule judges it for that platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from medlint.document.model import ConstructKind

NAMES = ("medium", "devto", "hashnode")
"""The ``targets`` / ``--target`` values, each a module of this package."""
DEFAULT = ("medium",)
GUIDE = "https://github.com/medlint/medlint/blob/main/docs/cross-posts.md"
"""The docs' "What a cross-post is worth": each platform's link rel and canonical, with sources;
the backlink and duplicate rules' messages point to it."""


@dataclass(frozen=True)
class Platform:
    """What one platform takes."""

    #: the ``--target`` value
    name: str
    #: how messages name it
    label: str
    #: constructs it renders as the writer meant them
    renders: frozenset[ConstructKind]
    #: constructs it is not documented to render or not: judged for no one
    unknown: frozenset[ConstructKind]
    #: the deepest heading level it shows as a heading of its own
    heading_levels: int
    title_max: int | None
    title_min: int | None
    tags_max: int | None
    tag_length: int | None
    #: the front-matter keys it reads from a pasted or imported Markdown post, in its order
    front_matter: tuple[str, ...]
    #: the key that sets the canonical link, or ``None`` where it is set another way
    canonical_key: str | None
    #: what its canonical link is and how it is set (the docs' words)
    canonical: str
    #: how its article's outbound links are marked, and whether that is documented
    link_rel: str

    def lacks(self, kind: ConstructKind) -> bool:
        """Whether it is known not to render ``kind``."""
        return kind not in self.renders and kind not in self.unknown

    def export_front_matter(self, facts: dict[str, Any]) -> dict[str, Any]:
        """The front matter of an export from ``facts`` (title, description, tags, canonical,
        cover, series, slug): the platform module's ``front_matter`` function."""
        module = import_module(f"medlint.targets.{self.name}")
        return module.front_matter(facts)  # type: ignore[no-any-return]


def platform(name: str) -> Platform:
    """The platform named ``name`` (one of :data:`NAMES`)."""
    if name not in NAMES:
        raise KeyError(name)
    return import_module(f"medlint.targets.{name}").PLATFORM  # type: ignore[no-any-return]


def platforms(names: Sequence[str]) -> list[Platform]:
    return [platform(name) for name in dict.fromkeys(names)]


def unknown_names(value: Any) -> list[str] | None:
    """The names in a ``targets`` value that are no platform's; ``None`` when it is no name or list of names."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(item, str) for item in names):
        return None
    return [item for item in names if item not in NAMES]


def named(found: Sequence[Platform]) -> str:
    """``Medium``, ``Medium and dev.to``, ``Medium, dev.to and Hashnode``."""
    labels = [item.label for item in found]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def tags_of(value: Any) -> list[str]:
    """Tags as front matter gives them: a list, or one comma-separated string."""
    if isinstance(value, str):
        return [tag.strip() for tag in value.split(",") if tag.strip()]
    if isinstance(value, list):
        return [str(tag).strip() for tag in value if str(tag).strip()]
    return []

"""Medium: paragraphs, two heading sizes, flat lists, quotes, code blocks, images and links.

Its API takes no new integrations, so a story goes in by paste (the preview's story) or by
Import from the published page, which sets the canonical link itself (Medium's help, "Import a
post"). Outbound links in stories are ``nofollow``: reported by writers, not documented by Medium.
"""

from __future__ import annotations

from typing import Any

from medlint.targets import Platform

PLATFORM = Platform(
    name="medium",
    label="Medium",
    renders=frozenset(),  # none of the constructs medlint knows
    unknown=frozenset(),
    heading_levels=2,
    title_max=100,
    title_min=None,
    tags_max=5,
    tag_length=25,
    front_matter=(),
    canonical_key=None,
    canonical="set in the story's settings (Advanced settings), or by Import to the URL imported from",
    link_rel="nofollow (reported by writers; not documented by Medium)",
)


def front_matter(facts: dict[str, Any]) -> dict[str, Any]:
    """Medium reads no front matter: its export is the preview page."""
    return {}

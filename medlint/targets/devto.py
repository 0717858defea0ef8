"""dev.to (Forem): Markdown with its own front matter, Liquid embed tags, and tables.

Its editor guide documents the front matter (``title``, ``published``, ``description``, ``tags``
(at most four), ``canonical_url``, ``cover_image``, ``series``); the title's limit (128
characters) and a tag's (30) are Forem's validations in its source, not the guide's.
"""

from __future__ import annotations

import re
from typing import Any

from medlint.document.model import ConstructKind
from medlint.targets import Platform, tags_of

PLATFORM = Platform(
    name="devto",
    label="dev.to",
    renders=frozenset({ConstructKind.TABLE, ConstructKind.NESTED_LIST, ConstructKind.HTML}),
    unknown=frozenset({ConstructKind.FOOTNOTE, ConstructKind.TASK_LIST, ConstructKind.DETAILS, ConstructKind.EMOJI}),
    heading_levels=6,
    title_max=128,
    title_min=None,
    tags_max=4,
    tag_length=30,
    front_matter=("title", "published", "description", "tags", "canonical_url", "cover_image", "series"),
    canonical_key="canonical_url",
    canonical="the canonical_url front-matter key: the article's page names it as rel=canonical",
    link_rel="followed in articles (reported by writers; not documented by dev.to)",
)


def front_matter(facts: dict[str, Any]) -> dict[str, Any]:
    """dev.to's keys, in its order; tags as it takes them (lower case letters and digits), four."""
    tags = [re.sub(r"[^a-z0-9]", "", tag.lower()) for tag in tags_of(facts.get("tags"))]
    mapped: dict[str, Any] = {"title": facts.get("title"), "published": False}
    mapped["description"] = facts.get("description")
    mapped["tags"] = ", ".join(list(dict.fromkeys(tag for tag in tags if tag))[: PLATFORM.tags_max])
    mapped["canonical_url"] = facts.get("canonical")
    mapped["cover_image"] = facts.get("cover")
    mapped["series"] = facts.get("series")
    return {key: value for key, value in mapped.items() if value not in (None, "")}

"""Hashnode: GitHub-flavoured Markdown, published from a repository with its own front matter.

Its template for publishing from GitHub documents the front matter (``title``, ``subtitle``,
``slug``, ``tags`` as comma-separated tag slugs, ``cover``, ``domain``, ``canonical`` for a
republished article, ``ignorePost``). Hashnode shows the canonical as "originally published at".
That it rejects titles under 6 characters, and takes five tags, are reported by tools that publish
to it, not documented by Hashnode.
"""

from __future__ import annotations

import re
from typing import Any

from medlint.document.model import ConstructKind
from medlint.targets import Platform, tags_of

PLATFORM = Platform(
    name="hashnode",
    label="Hashnode",
    renders=frozenset({ConstructKind.TABLE, ConstructKind.NESTED_LIST, ConstructKind.TASK_LIST}),
    unknown=frozenset(
        {ConstructKind.FOOTNOTE, ConstructKind.HTML, ConstructKind.DETAILS, ConstructKind.MATH, ConstructKind.EMOJI}
    ),
    heading_levels=6,
    title_max=None,
    title_min=6,
    tags_max=5,
    tag_length=None,
    front_matter=("title", "subtitle", "slug", "tags", "cover", "domain", "canonical", "ignorePost"),
    canonical_key="canonical",
    canonical='the canonical front-matter key: shown as "originally published at", and the rel=canonical of the post',
    link_rel="not documented by Hashnode",
)


def front_matter(facts: dict[str, Any]) -> dict[str, Any]:
    """Hashnode's keys, in its order; tags as slugs, five; ``ignorePost`` so a commit does not publish it."""
    tags = [re.sub(r"[^a-z0-9-]+", "-", tag.lower()).strip("-") for tag in tags_of(facts.get("tags"))]
    mapped: dict[str, Any] = {"title": facts.get("title"), "subtitle": facts.get("description")}
    mapped["slug"] = facts.get("slug")
    mapped["tags"] = ", ".join(list(dict.fromkeys(tag for tag in tags if tag))[: PLATFORM.tags_max])
    mapped["cover"] = facts.get("cover")
    mapped["canonical"] = facts.get("canonical")
    mapped["ignorePost"] = True
    return {key: value for key, value in mapped.items() if value not in (None, "")}

"""Page titles and file-name slugs, arranged for the title-collision rule (ML305)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

_TITLE_NOISE = re.compile(r"[\W_]+")


def slug_of(path: str) -> str:
    """A page's file name as a slug (``index`` and ``README`` are their folder's)."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0]
    if stem.lower() in ("index", "readme"):
        stem = os.path.basename(folder)
    return _TITLE_NOISE.sub("-", stem.lower()).strip("-")


def normalize_title(title: str) -> str:
    """Case, punctuation and spacing removed: what a reader sees as "the same title"."""
    return _TITLE_NOISE.sub(" ", title.casefold()).strip()


@dataclass
class TitleIndex:
    """Site page titles by path (as written and normalised), and pages by file-name slug."""

    titles: dict[str, str]
    normalised: dict[str, str]
    by_slug: dict[str, list[str]]

    @classmethod
    def of(cls, pages: Iterable[Titled]) -> TitleIndex:
        """The index of ``pages``, whose normalised titles and slugs were made with their digests."""
        index = cls({}, {}, {})
        for page in pages:
            index.titles[page.path] = page.title
            if page.title:
                index.normalised[page.path] = page.normalised_title
            index.by_slug.setdefault(page.slug, []).append(page.path)
        return index


class Titled(Protocol):
    """A page as the title index reads it (the site index's entries)."""

    path: str
    title: str
    normalised_title: str
    slug: str

"""Page titles and file-name slugs, arranged for the title-collision rule (ML305)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

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
    def of_lists(cls, paths: list[str], titles: list[str], normalised: list[str], slugs: list[str]) -> TitleIndex:
        """The index of the pages ``paths``, with their titles, normalised titles and slugs (made
        with their digests), a list per field."""
        by_slug: dict[str, list[str]] = {}
        for path, slug in zip(paths, slugs, strict=True):
            by_slug.setdefault(slug, []).append(path)
        normal = {path: title for path, title in zip(paths, normalised, strict=True) if title}
        return cls(dict(zip(paths, titles, strict=True)), normal, by_slug)

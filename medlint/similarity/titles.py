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
    def of(cls, titles: list[tuple[str, str]]) -> TitleIndex:
        index = cls({}, {}, {})
        for text, path in titles:
            index.titles[path] = text
            if text:
                index.normalised[path] = normalize_title(text)
            index.by_slug.setdefault(slug_of(path), []).append(path)
        return index

"""Page titles and file-name slugs, arranged for the title-collision rule (ML305)."""

from __future__ import annotations

import contextlib
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
    """Site page titles (as written and normalised) and file-name slugs, a list per field in the
    index's page order: a check looks up one draft's title and slug, so no map is built for it."""

    paths: list[str]
    titles: list[str]
    normalised: list[str]
    slugs: list[str]

    def __len__(self) -> int:
        return len(self.paths)

    def similar(self, title: str, min_similarity: float, limit: int) -> list[tuple[str, float, str]]:
        """Up to ``limit`` pages whose normalised title is at least ``min_similarity`` (0-1) the same
        as ``title``'s, best first: (path, score 0-100, the page's title as written)."""
        from rapidfuzz import fuzz, process

        found = process.extract(
            normalize_title(title), self.normalised, scorer=fuzz.ratio, score_cutoff=min_similarity * 100, limit=limit
        )
        return [(self.paths[row], score, self.titles[row]) for choice, score, row in found if choice]

    def named(self, slug: str) -> list[str]:
        """The pages whose file-name slug is ``slug``, in page order."""
        rows: list[int] = []
        with contextlib.suppress(ValueError):  # list.index scans in C: no map made for one lookup
            while True:
                rows.append(self.slugs.index(slug, rows[-1] + 1 if rows else 0))
        return [self.paths[row] for row in rows]

"""The duplicate comparison's thresholds: one place, configured under ``duplicates:``.

The defaults were chosen on ``benchmarks/eval_duplicates.py`` (see the README). Before they had
their own key they were options of the duplicate rules; those spellings are still accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from medlint.options import option


@dataclass(frozen=True)
class SimilaritySettings:
    passage_threshold: float = option(
        0.7,
        "rapidfuzz token_sort_ratio (0-1) at which a draft passage counts as a copy of a page passage; "
        "0.6 raised false alarms to 10/80 in the evaluation, 0.8 missed the 25% edits.",
    )
    min_score: float = option(
        0.5, "Share of the draft's prose (0-1, weighted by closeness) found in one page for the draft to duplicate it."
    )
    min_words: int = option(
        150,
        "Matched words needed before a whole draft counts as a duplicate (short drafts repeat by chance), "
        "unless most of the page is in the draft too (min_score of the page's prose: a short page copied whole).",
    )


LEGACY_RULE_OPTIONS: dict[str, tuple[str, ...]] = {
    "ML301": ("min_score", "min_words"),
    "ML303": ("min_score", "min_words"),
    "ML302": ("passage_threshold",),
}
"""Options once set on a duplicate rule (``rules: {duplicate-content: {min_score: 0.6}}``) that now
belong to :class:`SimilaritySettings`."""

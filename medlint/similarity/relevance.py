"""How well a link's text describes the page it links to, judged against the rest of the site
(ML109, off-target-anchor-text).

The text's terms (:func:`~medlint.similarity.topics.link_terms`: its words stemmed, without stop
words or the words that describe the link itself) are weighted by how rare each is on the site,
as search engines weigh a query's words (inverse document frequency): a word on every page of a
Go blog ("go") says little, a word on three pages ("fuzzing") says much, and a word on no page
says the most. The text's *coverage* of a page is the share of that weight whose terms the page
holds (in full for a term of its title, headings, front matter or file name, half for one only
in its prose). A text is off target (:func:`off_target`) when its coverage of the target is
below ``min_coverage`` and some other page holds more of it; the page of the site the text
covers best is named when it covers it clearly better (by ``better_margin``), the clearest sign
of a link aimed at the wrong page.

Every lookup goes through the site index's term postings (:mod:`medlint.similarity.index`), so a
link costs a few bucket reads whatever the size of the site.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from medlint.similarity import topics
from medlint.similarity.index import holds

if TYPE_CHECKING:
    from medlint.similarity.index import SiteIndex


@dataclass(frozen=True)
class Judgement:
    """What a link's text says of its target: how much of the text's weight the target holds
    (``coverage``, 0 to 1), and the page it describes best when that is clearly another
    (``better``, a row of the index, with its coverage), out of ``terms`` distinct terms."""

    coverage: float
    terms: int
    better: int | None = None
    better_coverage: float = 0.0
    #: how many pages of the site the text describes better than its target
    rank: int = 0


PROSE_ONLY = 0.5
"""What a term found only in a page's prose counts for, against one in its title, headings,
front matter or file name (1)."""


MIN_TARGET_WORDS = 30
"""The fewest words of prose a target needs to be judged: of a redirect stub, or a page whose
text a snippet includes from elsewhere, medlint knows too little."""


def judge(
    index: SiteIndex, row: int, text: str, better_margin: float = 0.3, brand: frozenset[str] = frozenset()
) -> Judgement | None:
    """The text's judgement against page ``row`` of ``index``; ``None`` when it has no term
    that can say what a page is about ("my earlier post", the site's name: ``brand``), or the
    target too little text."""
    found = dict.fromkeys(topics.link_terms(text, index.language, brand))
    if not found or index.columns.words[row] < MIN_TARGET_WORDS:
        return None
    pages = len(index.columns)
    term_of = {topics.term_hash(term): term for term in found}
    weights = {value: math.log(1 + pages / (1 + index.pages_with_term_count(value))) for value in term_of}
    total = sum(weights.values())
    if total <= 0:
        return None

    marked = [(value, topics.term_hash(topics.PROMINENT + term), weights[value]) for value, term in term_of.items()]

    def held(page: int) -> float:
        """The weight of the text page ``page`` holds: in full in its title, headings or front
        matter, ``PROSE_ONLY`` of it in its prose only."""
        held_terms = index.columns.page_terms(page)
        weight = 0.0
        for value, prominent, each in marked:
            if holds(held_terms, prominent):
                weight += each
            elif holds(held_terms, value):
                weight += each * PROSE_ONLY
        return weight

    mine = held(row)
    # the pages that may hold more of the text: those holding a rare word of it (or its rarest)
    rarest = max(weights, key=weights.__getitem__)
    rare = {value for value, weight in weights.items() if value == rarest or weight >= _rare_weight(pages)}
    rare_held: dict[int, float] = {}
    for value in rare:
        for other in islice(index.pages_with_term(value), MAX_CANDIDATES):
            rare_held[other] = rare_held.get(other, 0.0) + weights[value]
    rare_held.pop(row, None)
    # weighed exactly: the pages holding the most of the text's rare words
    best_first = sorted(rare_held, key=lambda other: (-rare_held[other], other))[:WEIGHED]
    scored = {other: held(other) for other in best_first}
    rank = sum(1 for weight in scored.values() if weight > mine + 1e-9)
    best = max(scored, key=lambda other: (scored[other], -other), default=None)
    coverage = mine / total
    if best is None or scored[best] / total < coverage + better_margin:
        return Judgement(coverage, len(found), rank=rank)
    return Judgement(coverage, len(found), best, scored[best] / total, rank)


MAX_CANDIDATES = 100
"""The most pages holding one word of a text that are looked at: a text whose rarest word is on
thousands of pages picks out none of them."""
WEIGHED = 10
"""Of those, the pages holding the most of the text's rare words are weighed exactly against its
target (the page a text describes best is among them)."""


def _rare_weight(pages: int) -> float:
    """The weight of a word on one page in a hundred (and at most on 50 pages): rarer words say
    which pages a text may describe; commoner ones only add to their weight."""
    return math.log(1 + pages / (1 + min(50, max(1, pages // 100))))


def off_target(judged: Judgement | None, min_coverage: float, min_words: int) -> bool:
    """Whether a judged text does not describe its target: it has ``min_words`` telling terms,
    its target holds less than ``min_coverage`` of it, and some other page of the site holds
    more (a text no page describes better may be the writer's own paraphrase)."""
    return judged is not None and judged.terms >= min_words and judged.coverage < min_coverage and judged.rank > 0

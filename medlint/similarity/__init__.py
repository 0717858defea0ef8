"""The cross-document comparison: which site pages (and which other drafts) a draft repeats, and where.

This package owns page matching: :func:`compare` runs once per run, when a selected rule needs
it, and its :class:`CorpusReport` answers the duplicate rules' questions (which page a draft
duplicates, which passages it copies, which drafts repeat each other). Its thresholds are
:class:`~medlint.similarity.settings.SimilaritySettings`.

1. Candidates: the site index returns the few pages sharing the most sampled word 4-grams with
   the draft (sub-linear in the site's size: one lookup per shingle of the draft).
2. Alignment: each draft passage is compared, with rapidfuzz's ``token_sort_ratio`` (immune to
   shuffled sentences), against the candidate page's passages that share a shingle with it.
3. Score: the share of the draft's words in passages matched to that page, weighted by how
   closely they match. Whole-document ``fuzz.ratio`` is never computed.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.files import read_regular
from medlint.findings import MatchedPassage as PassageMatch
from medlint.parallel import map_chunks
from medlint.similarity.index import MAX_PAGE_BYTES, IndexMemo, PageEntry, SiteIndex, body_lines
from medlint.similarity.settings import SimilaritySettings
from medlint.similarity.text import Passage, fingerprints, passages, shingle_hashes, words_of
from medlint.similarity.titles import TitleIndex, normalize_title, slug_of

if TYPE_CHECKING:
    from medlint.document import Document
    from medlint.site import Site

MIN_PASSAGE_WORDS = 6
"""Shorter passages (a heading, "Thanks for reading") repeat by chance."""


@dataclass(slots=True)
class Profile:
    """A text ready for alignment: its passages, their words, and their shingles."""

    path: str
    passages: list[Passage]
    words: list[list[str]]
    shingles: list[set[int]]

    @classmethod
    def of_lines(cls, path: str, lines: list[str], first_line: int) -> Profile:
        found = passages(lines, first_line)
        words = [words_of(passage.text) for passage in found]
        return cls(path, found, words, [set(shingle_hashes(item)) for item in words])

    @classmethod
    def of_file(cls, path: str) -> Profile:
        try:
            data = read_regular(path, MAX_PAGE_BYTES)
        except OSError:
            return cls(path, [], [], [])
        lines, first, _ = body_lines(data[:MAX_PAGE_BYTES].decode("utf-8-sig", errors="replace"))
        return cls.of_lines(path, lines, first)

    @property
    def total_words(self) -> int:
        return sum(len(words) for words in self.words)

    def all_shingles(self) -> set[int]:
        return set().union(*self.shingles) if self.shingles else set()


@dataclass(slots=True)
class PageMatch:
    """How much of a draft one page (or other draft) holds."""

    path: str
    url: str | None
    title: str
    score: float
    matched_words: int
    passages: list[PassageMatch] = field(default_factory=list)
    #: the share of the page's own prose that the draft holds (``score`` is the draft's share)
    page_share: float = 0.0


def align(draft: Profile, page: Profile, passage_threshold: float) -> list[PassageMatch]:
    """Pair each draft passage with its best-matching page passage, where that is close enough."""
    from rapidfuzz import fuzz

    where: dict[int, list[int]] = {}
    for number, shingles in enumerate(page.shingles):
        for value in shingles:
            where.setdefault(value, []).append(number)
    page_texts: dict[int, str] = {}
    matches: list[PassageMatch] = []
    for passage, words, shingles in zip(draft.passages, draft.words, draft.shingles, strict=True):
        if len(words) < MIN_PASSAGE_WORDS:
            continue
        shared = Counter(number for value in shingles for number in where.get(value, ()))
        if not shared:
            continue
        text = " ".join(words)
        best, best_score = -1, 0.0
        for number, _ in shared.most_common(4):
            if number not in page_texts:
                page_texts[number] = " ".join(page.words[number])
            score = fuzz.token_sort_ratio(text, page_texts[number]) / 100
            if score > best_score:
                best, best_score = number, score
        if best >= 0 and best_score >= passage_threshold:
            matches.append(PassageMatch(passage, page.passages[best], best_score, len(words)))
    return matches


def page_match(draft: Profile, page: Profile, url: str | None, title: str, threshold: float) -> PageMatch:
    matches = align(draft, page, threshold)
    total = draft.total_words or 1
    weighted = sum(match.words * match.score for match in matches)
    held = {id(match.page) for match in matches}
    page_words = sum(
        len(words) for passage, words in zip(page.passages, page.words, strict=True) if id(passage) in held
    )
    page_share = page_words / page.total_words if page.total_words else 0.0
    matched = sum(match.words for match in matches)
    return PageMatch(page.path, url, title, weighted / total, matched, matches, min(page_share, 1.0))


@dataclass
class Copy:
    """A run of consecutive draft passages copied from one page: one copied section."""

    match: PageMatch
    run: list[PassageMatch]

    @property
    def words(self) -> int:
        return sum(pair.words for pair in self.run)

    @property
    def score(self) -> float:
        return sum(pair.score * pair.words for pair in self.run) / max(self.words, 1)

    @property
    def lines(self) -> tuple[int, int]:
        """The draft lines it covers."""
        return self.run[0].draft.line, self.run[-1].draft.end_line

    @property
    def page_lines(self) -> tuple[int, int]:
        return min(pair.page.line for pair in self.run), max(pair.page.end_line for pair in self.run)

    def overlaps(self, other: Copy) -> bool:
        return self.lines[0] <= other.lines[1] and other.lines[0] <= self.lines[1]


@dataclass
class CorpusReport:
    """Matches for every draft of the run, against site pages and against the other drafts, read
    through the thresholds of ``settings``. Paths are the real paths of pages and drafts."""

    settings: SimilaritySettings = field(default_factory=SimilaritySettings)
    site_matches: dict[str, list[PageMatch]] = field(default_factory=dict)
    draft_matches: dict[str, list[PageMatch]] = field(default_factory=dict)
    titles: TitleIndex | None = None
    """Every site page's title, for title collisions (``None`` when no site was compared)."""
    index: SiteIndex | None = None
    """The site's page index the drafts were compared with: its pages' terms are what ML109
    judges a link's text against (``None`` when no site was compared)."""

    def _duplicates(self, match: PageMatch) -> bool:
        """A whole-document duplicate: most of the draft is in the page, and either enough words
        match (``min_words``: short drafts repeat by chance) or most of the page is in the draft
        too (a short page copied whole is a duplicate however few its words)."""
        if match.score < self.settings.min_score:
            return False
        return match.matched_words >= self.settings.min_words or match.page_share >= self.settings.min_score

    def duplicated_page(self, path: str) -> PageMatch | None:
        """The site page the draft at ``path`` duplicates as a whole, if any (the best one)."""
        return next((match for match in self.site_matches.get(path, []) if self._duplicates(match)), None)

    def duplicated_drafts(self, path: str) -> list[PageMatch]:
        """The other drafts of the run that the draft at ``path`` duplicates."""
        return [match for match in self.draft_matches.get(path, []) if self._duplicates(match)]

    def copies(self, path: str, min_words: int) -> list[tuple[Copy, list[Copy]]]:
        """Sections of the draft at ``path`` copied from site pages, each once (at the page it
        matches best, with the other pages holding it too), in draft order. The page the whole
        draft duplicates is left out, and so are the sections it holds too: those are the
        duplicate's, not sections copied into a new text (a cross-post of a post that repeats a
        series' blurb from the other posts is not told to rewrite the blurb)."""
        whole = self.duplicated_page(path)
        held = [Copy(whole, run) for run in _runs(whole.passages)] if whole is not None else []
        found = [
            copy
            for match in self.site_matches.get(path, [])
            if whole is None or match.path != whole.path
            for copy in (Copy(match, run) for run in _runs(match.passages))
            if copy.words >= min_words and not any(part.overlaps(copy) for part in held)
        ]
        reported: list[tuple[Copy, list[Copy]]] = []
        for copy in sorted(found, key=lambda item: -item.score * item.words):
            same = next((also for first, also in reported if first.overlaps(copy)), None)
            if same is None:
                reported.append((copy, []))
            else:
                same.append(copy)
        return sorted(reported, key=lambda item: item[0].lines[0])


def _runs(pairs: list[PassageMatch]) -> Iterator[list[PassageMatch]]:
    """Consecutive matched draft passages (at most three lines apart), as one section each."""
    run: list[PassageMatch] = []
    for pair in sorted(pairs, key=lambda item: item.draft.line):
        if run and pair.draft.line - run[-1].draft.end_line > 3:
            yield run
            run = []
        run.append(pair)
    if run:
        yield run


def compare(
    documents: list[Document],
    site: Site | None,
    settings: SimilaritySettings,
    use_cache: bool = True,
    page_memo: IndexMemo | None = None,
    *,
    with_site: bool = True,
    align_with_site: bool = True,
    between_drafts: bool = True,
    with_terms: bool = True,
    index: SiteIndex | None = None,
) -> CorpusReport:
    """Compare every document with the site's pages (through the page index, or ``index``, one a
    long-lived front end keeps for every page) and with each other; ``with_site`` (the index
    at all), ``align_with_site``, ``between_drafts`` and ``with_terms`` (the pages' terms, in the
    index) skip what no selected rule reads."""
    report = CorpusReport(settings)
    aligning = with_site and align_with_site and site is not None and site.has_pages
    comparing = between_drafts and len(documents) > 1
    profiles = {doc.path: _profile(doc) for doc in documents} if aligning or comparing else {}
    threshold = settings.passage_threshold
    if with_site and site is not None and site.has_pages:
        if index is None:
            drafts = frozenset(found for found in map(_file_id, (doc.path for doc in documents)) if found is not None)
            index = SiteIndex.of_site(site, use_cache, page_memo, skip=drafts, with_terms=with_terms)
            itself: set[int] = set()
        else:  # a draft that is a page of the site is not its own duplicate (index paths are real)
            itself = index.rows_of({os.path.realpath(doc.path) for doc in documents})
        report.titles = index.title_index()  # ML305 leaves out the draft's own page
        report.index = index
    if aligning:
        assert index is not None and site is not None
        candidates = index.candidates_for([profiles[doc.path].all_shingles() for doc in documents])
        candidates = [[pair for pair in ranked if pair[0] not in itself] for ranked in candidates]
        # page -> (draft, its rank for that draft): each candidate page is read once, however
        # many drafts it is a candidate for, and dropped once they are aligned with it
        wanted: dict[int, list[tuple[Document, int]]] = {}
        for doc, ranked in zip(documents, candidates, strict=True):
            for rank, (number, _) in enumerate(ranked):
                wanted.setdefault(number, []).append((doc, rank))
        found: dict[str, list[tuple[int, PageMatch]]] = {doc.path: [] for doc in documents}
        work = [
            (index.path(number), index.title(number), [(doc.path, rank) for doc, rank in wanting])
            for number, wanting in wanted.items()
        ]
        for chunk in map_chunks(_align_pages, work, PARALLEL_ALIGNMENTS, profiles, threshold):
            for draft, rank, match in chunk:
                match.url = site.url(Path(match.path))
                found[draft].append((rank, match))
        for path, ranked_matches in found.items():
            ranked_matches.sort(key=lambda item: (-item[1].score, item[0]))
            report.site_matches[path] = [match for _, match in ranked_matches]
    if comparing:
        report.draft_matches = _between_drafts(documents, profiles, threshold)
    return report


PARALLEL_ALIGNMENTS = 48
"""Candidate pages to align below which a second process costs more than it saves (a
pre-commit run aligns one draft with at most 8)."""


def _align_pages(
    work: list[tuple[str, str, list[tuple[str, int]]]], profiles: dict[str, Profile], threshold: float
) -> list[tuple[str, int, PageMatch]]:
    """Read each candidate page once and align it with every draft that wants it: (draft, the
    page's rank for that draft, the match, its URL still to be set)."""
    matches = []
    for path, title, wanting in work:
        page = Profile.of_file(path)
        for draft, rank in wanting:
            matches.append((draft, rank, page_match(profiles[draft], page, None, title, threshold)))
    return matches


def _file_id(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """The same file under any name (a symbolic or hard link): device and inode."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _profile(doc: Document) -> Profile:
    start = doc.body_start
    return Profile.of_lines(doc.path, doc.lines[start:], start + 1)


def _between_drafts(
    documents: list[Document], profiles: dict[str, Profile], threshold: float
) -> dict[str, list[PageMatch]]:
    """Compare drafts with each other through the same index, built over the drafts."""
    entries = []
    for doc in documents:
        profile = profiles[doc.path]
        prints: set[int] = set()
        for words in profile.words:
            prints |= fingerprints(words)
        entries.append(PageEntry.made(doc.path, doc.title[0] if doc.title else "", profile.total_words, prints))
    index = SiteIndex.of_entries(entries)
    result: dict[str, list[PageMatch]] = {}
    candidates = index.candidates_for([profiles[doc.path].all_shingles() for doc in documents])
    for number, (doc, ranked) in enumerate(zip(documents, candidates, strict=True)):
        profile = profiles[doc.path]
        found = []
        for other, _ in ranked:
            if other == number:
                continue
            other_doc = documents[other]
            found.append(page_match(profile, profiles[other_doc.path], None, entries[other].title, threshold))
        result[doc.path] = sorted(found, key=lambda match: -match.score)
    return result


__all__ = [
    "Copy",
    "CorpusReport",
    "PageMatch",
    "PassageMatch",
    "Profile",
    "SimilaritySettings",
    "TitleIndex",
    "compare",
    "normalize_title",
    "slug_of",
]

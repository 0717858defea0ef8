"""Duplicate rules (ML301-ML305): does the draft repeat the site, or another draft?

All five read one :class:`~medlint.similarity.SimilarityReport`, computed once per run. Thresholds
were chosen on the evaluation in ``benchmarks/eval_duplicates.py`` (see the README).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from medlint import urls
from medlint.context import Context
from medlint.document import Document
from medlint.findings import Problem, Severity
from medlint.rules.base import NoOptions, rule
from medlint.similarity import PageMatch, PassageMatch, normalize_title, slug_of


@dataclass(frozen=True)
class DuplicateOptions:
    min_score: float = 0.5
    """Share of the draft's prose (0-1, weighted by closeness) found in one page."""
    min_words: int = 150
    """Matched words needed before a whole-draft duplicate is reported (short drafts repeat by chance)."""


@dataclass(frozen=True)
class PassageOptions:
    passage_threshold: float = 0.7
    """rapidfuzz token_sort_ratio (0-1) at which a draft passage counts as a copy of a page passage."""
    min_words: int = 30
    """Smallest copied passage (consecutive matched paragraphs) worth reporting, in words."""


@dataclass(frozen=True)
class TitleOptions:
    min_similarity: float = 0.9
    """rapidfuzz ratio (0-1) between normalised titles at which they collide."""


def _where(match: PageMatch, context: Context) -> str:
    return f"{context.shown(match.path)} ({match.url})" if match.url else context.shown(match.path)


def _duplicated_page(doc: Document, context: Context) -> PageMatch | None:
    options: DuplicateOptions = context.config.options_for("ML301")
    for match in context.similarity().site_matches.get(doc.path, []):
        if match.score >= options.min_score and match.matched_words >= options.min_words:
            return match
    return None


def _canonical_names(doc: Document, match: PageMatch) -> bool:
    declared = doc.canonical_url
    return bool(declared and match.url and urls.normalize(declared[0]) == urls.normalize(match.url))


def side_by_side(pairs: list[PassageMatch], left: str, right: str, width: int = 44, rows: int = 3) -> str:
    """The best few matching passages as two columns: the draft's, and the page's."""
    out = []
    for pair in sorted(pairs, key=lambda item: -item.words * item.score)[:rows]:
        head_left = f"{left}:{pair.draft.line}-{pair.draft.end_line}"
        head_right = f"{right}:{pair.page.line}-{pair.page.end_line} ({pair.score:.0%})"
        out.append(f"{head_left:<{width}} | {head_right}")
        columns = [textwrap.wrap(pair.draft.text, width)[:2], textwrap.wrap(pair.page.text, width)[:2]]
        for a, b in zip(columns[0] + [""] * 2, columns[1] + [""] * 2, strict=False):
            if a or b:
                out.append(f"{a:<{width}} | {b}")
    return "\n".join(out)


def _related(match: PageMatch, context: Context, limit: int = 5) -> list[dict[str, object]]:
    related: list[dict[str, object]] = []
    first = min(match.passages, key=lambda pair: pair.page.line).page.line if match.passages else 1
    related.append({"path": context.shown(match.path), "line": first, "score": round(match.score, 3), "url": match.url})
    for pair in sorted(match.passages, key=lambda item: -item.words)[:limit]:
        related.append(
            {
                "path": context.shown(match.path),
                "line": pair.page.line,
                "end_line": pair.page.end_line,
                "score": round(pair.score, 3),
                "draft_line": pair.draft.line,
            }
        )
    return related


@rule("ML301", "duplicate-content", Severity.ERROR, DuplicateOptions, corpus=True)
def duplicate_content(doc: Document, context: Context, options: DuplicateOptions) -> Iterator[Problem]:
    """The draft as a whole is a near-duplicate of a site page and declares no canonical URL.

    Why: the same article at two addresses competes with itself in search, and the copy on Medium
    may outrank your own site. A deliberate cross-post should say where the original lives with
    ``canonical_url`` in its front matter; then it is a syndication and this rule is quiet.

    The score is the share of the draft's prose found in the page, passage by passage (shuffled
    sentences and light edits still match). Set ``canonical_url: <the page's URL>``, or rewrite.

    Options: min_score (default 0.5), min_words (default 150).
    """
    match = _duplicated_page(doc, context)
    if match is None or doc.canonical_url is not None:
        return
    line = match.passages[0].draft.line if match.passages else 1
    hint = f"; if this is a deliberate cross-post, add canonical_url: {match.url}" if match.url else ""
    yield Problem(
        line,
        1,
        f"Draft repeats {_where(match, context)} ({match.score:.0%} of its prose, {len(match.passages)} passages){hint}",
        related=_related(match, context),
        explain=side_by_side(match.passages, "draft", context.shown(match.path)),
    )


@rule("ML302", "copied-passage", Severity.WARNING, PassageOptions, corpus=True)
def copied_passage(doc: Document, context: Context, options: PassageOptions) -> Iterator[Problem]:
    """A passage of the draft nearly repeats a passage of a site page.

    Why: a copied section is duplicate content too, even inside an otherwise new article. Link to
    the original section instead, or rewrite it. Each passage is reported once, at the page it
    matches best; other pages holding it too are listed in ``related``. Pages the whole draft
    duplicates are ML301's business and not repeated here.

    Options: passage_threshold (default 0.7), min_words (default 30).
    """
    whole = _duplicated_page(doc, context)
    copies: list[_Copy] = []
    for match in context.similarity().site_matches.get(doc.path, []):
        if whole is not None and match.path == whole.path:
            continue
        for run in _runs(match.passages):
            copy = _Copy(match, run)
            if copy.words >= options.min_words:
                copies.append(copy)
    reported: list[tuple[_Copy, list[_Copy]]] = []
    for copy in sorted(copies, key=lambda item: -item.score * item.words):
        same = next((also for first, also in reported if first.overlaps(copy)), None)
        if same is None:
            reported.append((copy, []))
        else:
            same.append(copy)
    for copy, elsewhere in sorted(reported, key=lambda item: item[0].first_line):
        more = f"; also on {len(elsewhere)} other page{'s' if len(elsewhere) > 1 else ''}" if elsewhere else ""
        yield Problem(
            copy.first_line,
            1,
            f"Lines {copy.first_line}-{copy.last_line} repeat {context.shown(copy.match.path)} lines "
            f"{copy.page_lines[0]}-{copy.page_lines[1]} ({copy.score:.0%} similar, {copy.words} words){more}; "
            "link to it or rewrite",
            end_line=copy.last_line,
            related=[item.related(context) for item in [copy, *elsewhere[:4]]],
            explain=side_by_side(copy.run, "draft", context.shown(copy.match.path), rows=2),
        )


class _Copy:
    """A run of draft passages copied from one page."""

    def __init__(self, match: PageMatch, run: list[PassageMatch]) -> None:
        self.match, self.run = match, run
        self.words = sum(pair.words for pair in run)
        self.score = sum(pair.score * pair.words for pair in run) / max(self.words, 1)
        self.first_line, self.last_line = run[0].draft.line, run[-1].draft.end_line
        self.page_lines = (min(pair.page.line for pair in run), max(pair.page.end_line for pair in run))

    def overlaps(self, other: _Copy) -> bool:
        return self.first_line <= other.last_line and other.first_line <= self.last_line

    def related(self, context: Context) -> dict[str, object]:
        return {
            "path": context.shown(self.match.path),
            "line": self.page_lines[0],
            "end_line": self.page_lines[1],
            "score": round(self.score, 3),
            "url": self.match.url,
        }


def _runs(pairs: list[PassageMatch]) -> Iterator[list[PassageMatch]]:
    """Consecutive matched draft passages, as one copied section each."""
    run: list[PassageMatch] = []
    for pair in sorted(pairs, key=lambda item: item.draft.line):
        if run and pair.draft.line - run[-1].draft.end_line > 3:
            yield run
            run = []
        run.append(pair)
    if run:
        yield run


@rule("ML303", "duplicate-draft", Severity.WARNING, DuplicateOptions, corpus=True)
def duplicate_draft(doc: Document, context: Context, options: DuplicateOptions) -> Iterator[Problem]:
    """Two drafts checked together are near-duplicates of each other.

    Why: two versions of one article get published twice by accident. Keep one. Reported on each
    draft, with the other's matching passage in ``related``.

    Options: min_score (default 0.5), min_words (default 150).
    """
    for match in context.similarity().draft_matches.get(doc.path, []):
        if match.score >= options.min_score and match.matched_words >= options.min_words:
            line = match.passages[0].draft.line if match.passages else 1
            yield Problem(
                line,
                1,
                f"Draft repeats the draft {match.path} ({match.score:.0%} of its prose)",
                related=_related(match, context, limit=3),
                explain=side_by_side(match.passages, "draft", match.path, rows=2),
            )


@rule("ML304", "canonical-mismatch", Severity.ERROR, NoOptions, corpus=True)
def canonical_mismatch(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """The declared canonical URL is not the page the draft duplicates, or is no page of the site.

    Why: a canonical URL that names the wrong page (or a page that does not exist) tells search
    engines the original is somewhere it is not, and the real original loses. URLs are compared
    without regard to scheme, ``www.``, host case, trailing slash, ``index.html`` and ``.md``/``.html``.
    Checked when the site's URL is known.
    """
    declared = doc.canonical_url
    site = context.site
    if declared is None or site is None or not context.site_url or not urls.is_web_url(declared[0]):
        return
    url, line = declared
    match = _duplicated_page(doc, context)
    if match is not None and match.url and not _canonical_names(doc, match):
        yield Problem(
            line,
            1,
            f"canonical_url {url} is not the page this draft repeats: {match.url} ({match.score:.0%} of its prose)",
            related=_related(match, context, limit=0),
        )
    elif match is None and site.owns(url) and site.page_for_url(url) is None:
        yield Problem(line, 1, f"canonical_url {url} matches no page of the site")


@rule("ML305", "title-collision", Severity.WARNING, TitleOptions, corpus=True)
def title_collision(doc: Document, context: Context, options: TitleOptions) -> Iterator[Problem]:
    """The draft's title or slug is (nearly) the same as an existing page's.

    Why: two pages with one title compete for the same searches and confuse readers. Not reported
    for the page the draft declares as its canonical original (a cross-post keeps its title).

    Options: min_similarity (default 0.9).
    """
    report = context.similarity()
    if not report.titles:
        return
    from rapidfuzz import fuzz, process

    titles = report.title_index()
    canonical = context.site.page_for_url(doc.canonical_url[0]) if doc.canonical_url and context.site else None
    original = str(canonical) if canonical else None
    title = doc.title
    if title is not None:
        found = process.extract(
            normalize_title(title[0]),
            titles.normalised,
            scorer=fuzz.ratio,
            score_cutoff=options.min_similarity * 100,
            limit=2,
        )
        for _, score, path in found:
            if path == original:
                continue
            yield Problem(
                title[1],
                1,
                f'Title "{title[0]}" is {score:.0f}% the same as {context.shown(path)}: "{titles.titles[path]}"',
                related=[{"path": context.shown(path), "line": 1, "score": round(score / 100, 3)}],
            )
            return
    slug = slug_of(doc.path)
    for path in titles.by_slug.get(slug, []) if slug else []:
        if path != original:
            yield Problem(
                title[1] if title else 1,
                1,
                f"File name {slug!r} is the same as the page {context.shown(path)}",
                related=[{"path": context.shown(path), "line": 1, "score": 1.0}],
            )
            return

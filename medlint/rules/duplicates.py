"""Duplicate rules (ML301-ML305): does the draft repeat the site, or another draft?

All five read the :class:`~medlint.similarity.CorpusReport` of the run's one cross-document
comparison. Its thresholds (``passage_threshold``, ``min_score``, ``min_words``) are configured
under ``duplicates:`` and were chosen on ``benchmarks/eval_duplicates.py`` (see the README).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from medlint import urls
from medlint.context import Context
from medlint.document import Document
from medlint.findings import Applicability, Fix, Message, Problem, Related, RelatedKind, Severity
from medlint.options import option
from medlint.rules.base import NoOptions, resting_on_urls, rule
from medlint.similarity import Copy, CorpusReport, PageMatch, PassageMatch, slug_of
from medlint.targets import GUIDE

if TYPE_CHECKING:
    from medlint.site import Site


@dataclass(frozen=True)
class PassageOptions:
    min_words: int = option(30, "Smallest copied section (consecutive matched paragraphs) worth reporting, in words.")


@dataclass(frozen=True)
class TitleOptions:
    min_similarity: float = option(0.9, "rapidfuzz ratio (0-1) between normalised titles at which they collide.")


def _where(match: PageMatch) -> Message:
    return (PurePath(match.path), f" ({match.url})") if match.url else (PurePath(match.path),)


def _best_first(pairs: list[PassageMatch]) -> tuple[PassageMatch, ...]:
    return tuple(sorted(pairs, key=lambda item: -item.words * item.score))


def _related(match: PageMatch, limit: int = 5, excerpt: int = 0) -> list[Related]:
    """The page (with its matched passages) and its ``limit`` longest passages as locations."""
    first = min(match.passages, key=lambda pair: pair.page.line).page.line if match.passages else 1
    page = Related(
        RelatedKind.PAGE,
        match.path,
        first,
        score=match.score,
        url=match.url,
        passages=_best_first(match.passages),
        excerpt=excerpt,
    )
    passages = [
        Related(
            RelatedKind.PASSAGE,
            match.path,
            pair.page.line,
            end_line=pair.page.end_line,
            score=pair.score,
            draft_line=pair.draft.line,
        )
        for pair in sorted(match.passages, key=lambda item: -item.words)[:limit]
    ]
    return [page, *passages]


def _copy_related(copy: Copy, excerpt: int = 0) -> Related:
    first, last = copy.page_lines
    return Related(
        RelatedKind.PAGE,
        copy.match.path,
        first,
        end_line=last,
        score=copy.score,
        url=copy.match.url,
        passages=_best_first(copy.run),
        excerpt=excerpt,
    )


@rule("ML301", "duplicate-content", Severity.ERROR, needs_site=True, needs_corpus=True)
def duplicate_content(doc: Document, context: Context, options: NoOptions, corpus: CorpusReport) -> Iterator[Problem]:
    """The draft as a whole is a near-duplicate of a site page and declares no canonical URL.

    Why: the same article at two addresses competes with itself in search, and the copy on Medium
    may outrank your own site. A deliberate cross-post should say where the original lives with
    ``canonical_url`` in its front matter; then it is a syndication and this rule is quiet. A
    canonical is a hint, not a promise: since 2023 Google no longer recommends it for content
    syndicated to other sites and may still show the copy; "What a cross-post is worth" in the
    docs says what each platform does with it.

    The score is the share of the draft's prose found in the page, passage by passage (shuffled
    sentences and light edits still match); ``duplicates: {min_score, min_words}`` set when a draft
    counts as a duplicate: at least ``min_score`` of its prose in the page, and either
    ``min_words`` matched words or at least ``min_score`` of the page's own prose in the draft (a
    short page copied whole is a duplicate however few its words). Set
    ``canonical_url: <the page's URL>``, or rewrite.

    Bad:  a draft that copies docs/setup.md, with no canonical_url in its front matter.
    Good: the same draft with canonical_url: https://example.com/setup/ (a syndication).
    """
    match = corpus.duplicated_page(doc.path)
    if match is None or doc.canonical_url is not None:
        return
    line = match.passages[0].draft.line if match.passages else 1
    hint = f"; if this is a deliberate cross-post, add canonical_url: {match.url}" if match.url else ""
    hint += f" (what a canonical does and does not promise: {GUIDE})"
    yield Problem(
        line,
        1,
        ("Draft repeats ", *_where(match), f" ({match.score:.0%} of its prose, {len(match.passages)} passages){hint}"),
        related=_related(match, excerpt=3),
        fix=_canonical_fix(doc, match.url),
    )


def _canonical_fix(doc: Document, url: str | None) -> Fix | None:
    """``canonical_url: <the page's URL>`` added to the front matter: unsafe, because only the
    writer knows whether the draft is a cross-post (the other remedy is to rewrite it)."""
    if not url or not urls.is_web_url(url) or doc.canonical_entry is not None:
        return None
    edit = doc.front_matter.insertion("canonical_url", url)
    return Fix(Applicability.UNSAFE, (edit,), f"Declare the cross-post: canonical_url: {url}") if edit else None


@rule("ML302", "copied-passage", Severity.WARNING, PassageOptions, needs_site=True, needs_corpus=True)
def copied_passage(doc: Document, context: Context, options: PassageOptions, corpus: CorpusReport) -> Iterator[Problem]:
    """A passage of the draft nearly repeats a passage of a site page.

    Why: a copied section is duplicate content too, even inside an otherwise new article. Link to
    the original section instead, or rewrite it. Each passage is reported once, at the page it
    matches best; other pages holding it too are listed in ``related``. Pages the whole draft
    duplicates are ML301's business and not repeated here, nor are the passages such a page
    holds too (a cross-post of a post that repeats a series' blurb from other posts is not told
    to rewrite the blurb). A passage counts as copied at
    ``duplicates: {passage_threshold}``.

    Bad:  a new article whose third section is four paragraphs of docs/setup.md.
    Good: the new article links to https://example.com/setup/ for those steps.
    """
    for copy, elsewhere in corpus.copies(doc.path, options.min_words):
        first, last = copy.lines
        page_first, page_last = copy.page_lines
        more = f"; also on {len(elsewhere)} other page{'s' if len(elsewhere) > 1 else ''}" if elsewhere else ""
        yield Problem(
            first,
            1,
            (
                f"Lines {first}-{last} repeat ",
                PurePath(copy.match.path),
                f" lines {page_first}-{page_last} ({copy.score:.0%} similar, {copy.words} words){more}; "
                "link to it or rewrite",
            ),
            end_line=last,
            related=[_copy_related(copy, excerpt=2), *(_copy_related(also) for also in elsewhere[:4])],
        )


@rule("ML303", "duplicate-draft", Severity.WARNING, needs_corpus=True)
def duplicate_draft(doc: Document, context: Context, options: NoOptions, corpus: CorpusReport) -> Iterator[Problem]:
    """Two drafts checked together are near-duplicates of each other.

    Why: two versions of one article get published twice by accident. Keep one. Reported on each
    draft, with the other's matching passages in ``related``.

    Bad:  drafts/intro.md and drafts/intro-v2.md, the second a light edit of the first.
    Good: one of them, the other deleted or merged.
    """
    for match in corpus.duplicated_drafts(doc.path):
        line = match.passages[0].draft.line if match.passages else 1
        yield Problem(
            line,
            1,
            ("Draft repeats the draft ", PurePath(match.path), f" ({match.score:.0%} of its prose)"),
            related=_related(match, limit=3, excerpt=2),
        )


@rule("ML304", "canonical-mismatch", Severity.ERROR, needs_site=True, needs_corpus=True)
def canonical_mismatch(doc: Document, context: Context, options: NoOptions, corpus: CorpusReport) -> Iterator[Problem]:
    """The declared canonical URL is not the page the draft duplicates, or is no page of the site.

    Why: a canonical URL that names the wrong page (or a page that does not exist) tells search
    engines the original is somewhere it is not, and the real original loses. URLs are compared
    without regard to scheme, ``www.``, host case, trailing slash, ``index.html`` and ``.md``/``.html``.
    Checked when the site's URL is known.

    Bad:  canonical_url: https://example.com/install/ on a copy of https://example.com/setup/
    Good: canonical_url: https://example.com/setup/
    """
    declared = doc.canonical_url
    site = context.pages
    if declared is None or site is None or not context.site_url or not urls.is_web_url(declared[0]):
        return
    url, line = declared
    match = corpus.duplicated_page(doc.path)
    declared_page = site.page_for_url(url)
    names_match = declared_page is not None and str(declared_page.file) == match.path if match else False
    if match is not None and match.url and not names_match and urls.normalize(url) != urls.normalize(match.url):
        message = (
            f"canonical_url {url} is not the page this draft repeats: {match.url} ({match.score:.0%} of its prose); "
            f"see {GUIDE}"
        )
        yield resting_on_urls(Problem(line, 1, message, related=_related(match, limit=0)), site)
    elif match is None and site.owns(url) and declared_page is None:
        yield resting_on_urls(Problem(line, 1, f"canonical_url {url} matches no page of the site"), site)


@rule("ML305", "title-collision", Severity.WARNING, TitleOptions, needs_site=True, needs_corpus=True)
def title_collision(doc: Document, context: Context, options: TitleOptions, corpus: CorpusReport) -> Iterator[Problem]:
    """The draft's title or slug is (nearly) the same as an existing page's.

    Why: two pages with one title compete for the same searches and confuse readers. Not reported
    for the page the draft declares as its canonical original (a cross-post keeps its title).

    Bad:  title: Getting started, beside the site's page titled "Getting Started".
    Good: title: Getting started with medlint on a Material blog
    """
    titles = corpus.titles
    if not titles:
        return
    site = context.pages
    canonical = site.page_for_url(doc.canonical_url[0]) if doc.canonical_url and site else None
    skipped = {str(canonical.file) if canonical and canonical.file else None, os.path.realpath(doc.path)}
    title = doc.title
    if title is not None:
        for path, score, page_title in titles.similar(title[0], options.min_similarity, limit=3):
            if path in skipped:  # its canonical original, or itself (a page of the site being edited)
                continue
            yield Problem(
                title[1],
                1,
                (f'Title "{title[0]}" is {score:.0f}% the same as ', PurePath(path), f': "{page_title}"'),
                related=[_page(path, site, score / 100)],
            )
            return
    slug = slug_of(doc.path)
    for path in titles.named(slug) if slug else []:
        if path not in skipped:
            yield Problem(
                title[1] if title else 1,
                1,
                (f"File name {slug!r} is the same as the page ", PurePath(path)),
                related=[_page(path, site, 1.0)],
            )
            return


def _page(path: str, site: Site | None, score: float) -> Related:
    return Related(RelatedKind.PAGE, path, 1, score=score, url=site.url(Path(path)) if site else None)

"""Anchor text rules (ML101-ML108): what a link says about where it goes."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from medlint import urls
from medlint.context import Context
from medlint.document import Document, Link
from medlint.findings import Problem, Related, RelatedKind, Severity
from medlint.options import option
from medlint.rules.base import NoOptions, rule

GENERIC_PHRASES = (
    # Lighthouse's link-text audit and markdownlint's MD059
    "click here",
    "click this",
    "go",
    "here",
    "information",
    "learn more",
    "link",
    "more",
    "more info",
    "more information",
    "right here",
    "read more",
    "see more",
    "start",
    "this",
    "this link",
    "this page",
    # the same habit in other words (not "click" alone: it is also a library's name)
    "click this link",
    "click the link",
    "continue",
    "continue reading",
    "details",
    "find out more",
    "full article",
    "go here",
    "here's how",
    "link here",
    "more details",
    "more here",
    "read",
    "read this",
    "see here",
    "see this",
    "the link",
    "this article",
    "this post",
    "this site",
    "website",
)
_URL_TEXT = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Lowercase, drop punctuation and symbols (any script), collapse spaces: ``Click-Here!!`` -> ``click here``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(" " if unicodedata.category(char)[0] in "PSZC" else char for char in folded)
    return " ".join(kept.split())


@lru_cache(maxsize=64)
def _phrase_set(extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_text(phrase) for phrase in GENERIC_PHRASES + extra)


def _worded(link: Link) -> bool:
    """A link whose words can be judged: clickable, with visible text that is not code or an image."""
    return link.kind in ("link", "html") and not link.text_is_code and not link.has_image and bool(link.text.strip())


def _show(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class GenericAnchorOptions:
    extra_phrases: tuple[str, ...] = option(
        (), "More phrases to flag, matched the same way (case and punctuation ignored)."
    )


@rule("ML101", "generic-anchor-text", Severity.ERROR, GenericAnchorOptions)
def generic_anchor_text(doc: Document, context: Context, options: GenericAnchorOptions) -> Iterator[Problem]:
    """Link text that says nothing about its target ("click here", "read more", "this").

    Why: readers scan links, screen readers list them out of context, and search engines use
    anchor text to learn what the target is about. "Click here" tells none of them anything, and
    on Medium a backlink's anchor text is most of what it is worth.

    Matching ignores case, punctuation, symbols and emphasis, and works in every script (text in
    Japanese or Greek is never "empty" after normalising). Link text that is a code span
    (`` [`open()`](...) ``) is never generic.

    Bad:  To install it, [click here](https://example.com/install).
    Good: Read the [installation guide](https://example.com/install).
    """
    phrases = _phrase_set(options.extra_phrases)
    for link in doc.text_links:
        if _worded(link) and normalize_text(link.text) in phrases:
            yield Problem.on(
                link,
                f'Link text "{_show(link.text)}" says nothing about its target {link.target}; '
                "name what the reader gets there instead",
            )


@rule("ML102", "url-anchor-text", Severity.ERROR)
def url_anchor_text(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """Link text that is itself a URL.

    Why: a URL as link text is hard to read, gets cut off on small screens, and wastes the anchor
    text that tells readers and search engines what the page is.

    Bad:  See [https://example.com/guide](https://example.com/guide).
    Good: See the [setup guide](https://example.com/guide).
    """
    for link in doc.text_links:
        if link.kind in ("link", "html") and not link.text_is_code and _URL_TEXT.match(link.text.strip()):
            yield Problem.on(
                link,
                f'Link text is the URL itself ("{_show(link.text)}"); write what the page is instead',
            )


@rule("ML103", "empty-link", Severity.ERROR)
def empty_link(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A link with no visible text, or with no target (``[text]()``, ``[text](<>)``, ``[text](#)``).

    Why: an empty link is invisible or goes nowhere; Medium drops it or keeps a dead link.

    Bad:  [](https://example.com) and [the guide]() and [the guide](#)
    Good: [the guide](https://example.com/guide)
    """
    for link in doc.links:
        target = link.target.strip()
        if link.kind == "image":
            if not target:
                yield Problem.on(link, "Image has no source")
            continue
        if target in ("", "#"):
            yield Problem.on(
                link,
                f'Link "{_show(link.text)}" has no target ({target or "empty"}); add the URL it should open',
            )
        elif not link.text.strip() and not link.has_image:
            yield Problem.on(
                link,
                f"Link to {link.target} has no visible text; add words that say where it goes",
            )


@dataclass(frozen=True)
class AnchorLengthOptions:
    min_chars: int = option(2, "Shortest acceptable link text, in characters.")
    max_words: int = option(12, "Longest acceptable link text, in words: past a dozen words the link is a sentence.")


@rule("ML104", "anchor-text-length", Severity.WARNING, AnchorLengthOptions)
def anchor_text_length(doc: Document, context: Context, options: AnchorLengthOptions) -> Iterator[Problem]:
    """Link text too short (one character) or too long (more than ``max_words`` words).

    Why: a one-character link is a tiny tap target that says nothing; a whole sentence as link
    text dilutes what the link is about. Three to eight words is the usual sweet spot.

    Bad:  See [1](https://example.com/a) and [this long sentence that goes on ... and on](https://example.com/b).
    Good: See the [benchmark results](https://example.com/a).
    """
    for link in doc.text_links:
        if not _worded(link):
            continue
        text = " ".join(link.text.split())
        words = len(text.split())
        if len(text) < options.min_chars:
            yield Problem.on(
                link,
                f'Link text "{text}" is too short to say where it goes',
            )
        elif words > options.max_words:
            yield Problem.on(
                link,
                f"Link text is {words} words long (at most {options.max_words}); link the few words that name the target",
            )


def _target_key(link: Link) -> str:
    target = link.target.strip()
    return urls.normalize(target) if urls.has_scheme(target) else target.rstrip("/")


@rule("ML105", "inconsistent-anchor-text", Severity.WARNING)
def inconsistent_anchor_text(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """One link text used for different targets.

    Why: when "the guide" points at two different pages, readers cannot tell which is which, and
    search engines get mixed signals about both. Generic texts are ML101's business and skipped here.

    Bad:  the [setup guide](https://a.example/setup) ... the [setup guide](https://a.example/install)
    Good: the [setup guide](https://a.example/setup) ... the [install guide](https://a.example/install)
    """
    generic = _phrase_set(())
    first: dict[str, tuple[Link, str]] = {}
    for link in doc.text_links:
        if not _worded(link) or not link.target.strip() or link.target.startswith("#"):
            continue
        text = normalize_text(link.text)
        if not text or text in generic:
            continue
        key = _target_key(link)
        if text not in first:
            first[text] = (link, key)
        elif first[text][1] != key:
            earlier = first[text][0]
            yield Problem.on(
                link,
                f'Link text "{_show(link.text)}" points to {link.target} here but to {earlier.target} on line '
                f"{earlier.line}; give each target its own words",
                related=[Related(RelatedKind.PLACE, doc.path, earlier.line)],
            )


@dataclass(frozen=True)
class RepeatedAnchorOptions:
    max_repeats: int = option(2, "How many times one text may link to one target before it reads as keyword stuffing.")


@rule("ML106", "repeated-anchor-text", Severity.WARNING, RepeatedAnchorOptions)
def repeated_anchor_text(doc: Document, context: Context, options: RepeatedAnchorOptions) -> Iterator[Problem]:
    """The same exact text linking to the same target over and over (keyword stuffing).

    Why: repeating one keyword-rich anchor many times looks like link spam to readers and to
    search engines, and Medium may treat the post as promotional.

    Bad:  [best python course](https://a.example/c) ... [best python course](https://a.example/c) ... (three times)
    Good: link the course once, where it helps most.
    """
    seen: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in doc.text_links:
        if _worded(link) and link.target.strip():
            seen[(normalize_text(link.text), _target_key(link))].append(link)
    for group in seen.values():
        if len(group) > options.max_repeats:
            link = group[options.max_repeats]  # the first one over the limit
            yield Problem.on(
                link,
                f'Link text "{_show(link.text)}" links to {link.target} {len(group)} times '
                f"(at most {options.max_repeats}); keep the link where it helps most and drop the rest",
                related=[Related(RelatedKind.PLACE, doc.path, other.line) for other in group if other is not link],
            )


@rule("ML107", "bare-url", Severity.WARNING)
def bare_url(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A URL in running text (or an ``<https://...>`` autolink) instead of a link with real text.

    Why: Medium shows a pasted URL as a raw address; words that describe the page read better and
    carry meaning for readers and search engines. URLs in code spans and blocks are not reported.

    Bad:  The docs are at https://example.com/docs.
    Good: Read [the project documentation](https://example.com/docs).
    """
    for found in doc.bare_urls:
        yield Problem(
            found.line,
            found.column,
            f"Bare URL {found.url}; link descriptive words to it instead",
            found.line,
            found.end_column,
        )
    for link in doc.links:
        if link.kind == "autolink" and not link.target.lower().startswith("mailto:"):
            yield Problem.on(
                link,
                f"Autolink <{link.text}> shows the raw address; link descriptive words to it instead",
            )


@rule("ML108", "missing-alt-text", Severity.WARNING)
def missing_alt_text(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """An image with no alt text.

    Why: alt text is what screen readers say and what shows when the image fails to load; Medium
    uses it as the image's alt attribute too.

    Bad:  ![](https://example.com/chart.png)
    Good: ![Build time by page count, growing linearly](https://example.com/chart.png)
    """
    for image in doc.images:
        if not image.text.strip():
            yield Problem.on(
                image,
                f"Image {image.target} has no alt text; describe what it shows",
            )

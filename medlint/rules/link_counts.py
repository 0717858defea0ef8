"""Link count rules (ML201-ML204): how many links, how dense, how many point home."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from medlint import urls
from medlint.context import Context
from medlint.document import Document, Link
from medlint.findings import Problem, Severity
from medlint.options import option
from medlint.rules.base import NoOptions, rule
from medlint.targets import GUIDE


def self_links(doc: Document, context: Context) -> list[Link]:
    """Absolute links to the writer's own site (same host as ``site_url``, ``www.`` ignored)."""
    site_url = context.site_url
    if not site_url:
        return []
    home = urls.host_of(site_url)
    return [link for link in doc.text_links if urls.is_web_url(link.target) and urls.host_of(link.target) == home]


def _first_body_line(doc: Document) -> int:
    """Where a whole-document finding points: the first non-blank line after the front matter."""
    for number in range(doc.front_matter.end_line + 1, len(doc.lines) + 1):
        if doc.lines[number - 1].strip():
            return number
    return 1


@dataclass(frozen=True)
class TooManyLinksOptions:
    max: int = option(25, "A 1,500-word Medium post with more than 25 links reads as a link list.")


@rule("ML201", "too-many-links", Severity.WARNING, TooManyLinksOptions)
def too_many_links(doc: Document, context: Context, options: TooManyLinksOptions) -> Iterator[Problem]:
    """More links than the configured maximum.

    Why: every extra link competes with the ones that matter (the backlink home) and a page of
    links reads as promotion. The default of 25 leaves room for a well-referenced long post.

    Bad:  a 600-word post with 30 links, most of them to related reading.
    Good: the same post with the eight links a reader needs, and a reading list on your site.
    """
    links = doc.text_links
    if len(links) > options.max:
        extra = links[options.max]
        yield Problem(
            extra.line, extra.column, f"{len(links)} links (at most {options.max}); keep the ones readers need"
        )


@dataclass(frozen=True)
class LinkDensityOptions:
    max_per_100_words: float = option(5.0, "One link in every 20 words is already heavy reading.")
    min_words: int = option(150, "Shorter texts are not judged: two links in a 30-word note are fine.")


@rule("ML202", "link-density", Severity.WARNING, LinkDensityOptions)
def link_density(doc: Document, context: Context, options: LinkDensityOptions) -> Iterator[Problem]:
    """More links per 100 words than the configured maximum.

    Why: dense links break the reading flow and look like link farming to Medium's filters.

    Bad:  a 200-word post with 12 links (6 per 100 words).
    Good: the same post with the 5 links that matter.
    """
    links = doc.text_links
    if doc.word_count < options.min_words or not links:
        return
    density = 100 * len(links) / doc.word_count
    if density > options.max_per_100_words:
        yield Problem(
            links[0].line,
            links[0].column,
            f"{density:.1f} links per 100 words ({len(links)} links in {doc.word_count} words; at most "
            f"{options.max_per_100_words:g}); link less, or write more around the links",
        )


@dataclass(frozen=True)
class SelfLinkOptions:
    max: int = option(10, "More than ten links home in one post reads as self-promotion.")


@rule("ML203", "too-many-self-links", Severity.WARNING, SelfLinkOptions)
def too_many_self_links(doc: Document, context: Context, options: SelfLinkOptions) -> Iterator[Problem]:
    """More links to the writer's own site than the configured maximum.

    Why: Medium's rules frown on posts that mostly promote the author's site; a few well-placed
    backlinks do more than many. Needs the site's URL (``site_url``).

    Bad:  fifteen links to https://example.com/... in one post.
    Good: two or three links home, where they help the reader most.
    """
    own = self_links(doc, context)
    if len(own) > options.max:
        extra = own[options.max]
        yield Problem(extra.line, extra.column, f"{len(own)} links to {context.site_url} (at most {options.max})")


@rule("ML204", "missing-backlink", Severity.WARNING)
def missing_backlink(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """No link to the writer's own site (checked when its URL is known).

    Why: the backlink is the reason to cross-post. Without at least one absolute link to your
    site, Medium readers have no way home. Relative links do not count: they break on Medium.

    Bad:  a post whose only link home is [the setup guide](../setup.md).
    Good: a post that links [the setup guide](https://example.com/setup/).
    """
    if context.site_url and not self_links(doc, context):
        relative = sum(1 for link in doc.text_links if urls.is_relative(link.target.strip()))
        advice = (
            f"its {relative} relative link{'s' if relative > 1 else ''} will not lead home from Medium; "
            "make one an absolute backlink"
            if relative
            else "add at least one backlink"
        )
        worth = f"what a link home is worth on each platform: {GUIDE}"
        yield Problem(_first_body_line(doc), 1, f"No link to your site {context.site_url}; {advice} ({worth})")

"""Metadata rules (ML501-ML505): title, tags and canonical URL as the draft's targets take them.

Each limit is the platform's (:mod:`medlint.targets`); a rule's options set Medium's, which
medlint has always checked, and the other platforms keep their own. A finding names the targets
whose limit the draft passes: 6 tags are an ML503 for dev.to (4) and Medium (5), 5 for dev.to only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from medlint.context import Context
from medlint.document import Document
from medlint.findings import Problem, Severity
from medlint.options import option
from medlint.rules.base import NoOptions, rule
from medlint.targets import Platform, named


def _by_limit(targets: list[Platform], limit_of: Callable[[Platform], int | None]) -> dict[int, list[Platform]]:
    """The targets with a limit, grouped by it (tightest first)."""
    groups: dict[int, list[Platform]] = {}
    for target in targets:
        limit = limit_of(target)
        if limit is not None:
            groups.setdefault(limit, []).append(target)
    return dict(sorted(groups.items()))


MEDIUM_TITLE_LIMIT = 100
MEDIUM_TAG_LIMIT = 5
MEDIUM_TAG_LENGTH = 25


@rule("ML501", "missing-title", Severity.WARNING)
def missing_title(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """No title: neither a front matter ``title`` nor a top-level ``#`` heading.

    Why: Medium takes the first line as the title; without one, a sentence of the body becomes it.

    Bad:  a draft that opens with a paragraph and has no title in its front matter.
    Good: title: Why relative links break on Medium (or a first line "# Why relative links break on Medium")
    """
    # a title in broken front matter is ML902's; one in JavaScript front matter cannot be known
    if doc.title is None and doc.front_matter.error is None and doc.front_matter.format != "js":
        needing = named(context.platforms_of(doc))
        yield Problem(
            1, 1, f"No title: add a front matter title or a top-level # heading ({needing} takes it as the title)"
        )


@dataclass(frozen=True)
class TitleLengthOptions:
    max_chars: int = option(MEDIUM_TITLE_LIMIT, "Medium cuts titles past 100 characters.")
    advisory_chars: int = option(
        60, "Search results show about 60 characters; longer titles get an informational note (0: off)."
    )


@rule("ML502", "title-length", Severity.WARNING, TitleLengthOptions)
def title_length(doc: Document, context: Context, options: TitleLengthOptions) -> Iterator[Problem]:
    """Title longer than a target shows (Medium 100 characters, dev.to 128), or shorter than it
    takes (Hashnode: 6), with a lower advisory limit (60).

    Why: Medium truncates long titles in feeds and lists; search engines show about 60 characters.
    Past ``max_chars`` the finding has the rule's severity; past ``advisory_chars`` it is ``info``.

    Bad:  title: Everything you ever wanted to know about cross-posting Markdown from MkDocs to Medium without losing links
    Good: title: Cross-posting from MkDocs to Medium without broken links
    """
    found = doc.title
    if found is None:
        return
    title, line = found
    targets = context.platforms_of(doc)
    too_long = {
        limit: group
        for limit, group in _by_limit(
            targets, lambda item: options.max_chars if item.name == "medium" else item.title_max
        ).items()
        if len(title) > limit
    }
    for limit, group in too_long.items():
        verb = "shows" if len(group) == 1 else "show"
        yield Problem(line, 1, f"Title is {len(title)} characters; {named(group)} {verb} {limit}: shorten it")
    for limit, group in _by_limit(targets, lambda item: item.title_min).items():
        if len(title) < limit:
            verb = "rejects" if len(group) == 1 else "reject"
            yield Problem(line, 1, f"Title is {len(title)} characters; {named(group)} {verb} titles under {limit}")
    if too_long:
        return
    if options.advisory_chars and len(title) > options.advisory_chars:
        yield Problem(
            line,
            1,
            f"Title is {len(title)} characters; search results show about {options.advisory_chars}",
            severity=Severity.INFO,
        )


@dataclass(frozen=True)
class TagOptions:
    max_tags: int = option(MEDIUM_TAG_LIMIT, "Medium takes five tags and ignores the rest.")


@rule("ML503", "too-many-tags", Severity.WARNING, TagOptions)
def too_many_tags(doc: Document, context: Context, options: TagOptions) -> Iterator[Problem]:
    """More tags than a target takes (Medium 5, dev.to 4, Hashnode 5).

    Why: Medium keeps the first five tags and silently drops the others; choose them yourself.

    Bad:  tags: [python, mkdocs, medium, writing, seo, linting]
    Good: tags: [python, mkdocs, medium, writing, seo]
    """
    tags = doc.tags
    limits = _by_limit(
        context.platforms_of(doc), lambda item: options.max_tags if item.name == "medium" else item.tags_max
    )
    for limit, group in limits.items():
        if len(tags) > limit:
            dropped = ", ".join(tags[limit:])
            verb = "takes" if len(group) == 1 else "take"
            yield Problem(
                doc.front_matter.line_of("tags"),
                1,
                f"{len(tags)} tags; {named(group)} {verb} {limit} and {'drops' if len(group) == 1 else 'drop'} the rest ({dropped})",
            )


@rule("ML504", "invalid-canonical-url", Severity.ERROR)
def invalid_canonical_url(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A canonical URL that is not an absolute http(s) URL (``http://`` is a warning).

    Why: Medium only accepts an absolute URL as the original; anything else is rejected or, worse,
    points search engines at nothing, and the post competes with your own page.

    Bad:  canonical_url: /blog/my-post/
    Good: canonical_url: https://example.com/blog/my-post/
    """
    entry = doc.canonical_entry
    if entry is None:
        return
    key, value, line = entry
    if not isinstance(value, str):
        yield Problem(line, 1, f"{key} must be a URL, not {_kind_of(value)}")
        return
    url = value.strip()
    try:
        parts = urlsplit(url) if "://" in url else None
    except ValueError as exc:  # "https://[::1", a host that changes under NFKC normalization
        yield Problem(line, 1, f"Canonical URL {url!r} is not a valid URL ({exc})")
        return
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
        yield Problem(line, 1, f"Canonical URL {url!r} is not an absolute http(s) URL")
    elif parts.scheme.lower() == "http":
        yield Problem(line, 1, f"Canonical URL {url} uses http://; use the https:// address", severity=Severity.WARNING)


def _kind_of(value: object) -> str:
    return {list: "a list", dict: "a mapping", bool: "true or false"}.get(type(value), f"a {type(value).__name__}")


@dataclass(frozen=True)
class TagLengthOptions:
    max_chars: int = option(MEDIUM_TAG_LENGTH, "Medium rejects tags longer than 25 characters.")


@rule("ML505", "tag-length", Severity.WARNING, TagLengthOptions)
def tag_length(doc: Document, context: Context, options: TagLengthOptions) -> Iterator[Problem]:
    """A tag longer than a target takes (Medium 25 characters, dev.to 30).

    Why: Medium refuses a longer tag when the story is published, so the tag is lost.

    Bad:  tags: [static-site-generators-and-friends]
    Good: tags: [static-site-generators]
    """
    line = doc.front_matter.line_of("tags")
    limits = _by_limit(
        context.platforms_of(doc), lambda item: options.max_chars if item.name == "medium" else item.tag_length
    )
    for tag in doc.tags:
        for limit, group in limits.items():
            if len(tag) > limit:
                verb = "takes" if len(group) == 1 else "take"
                yield Problem(line, 1, f"Tag {tag!r} is {len(tag)} characters; {named(group)} {verb} at most {limit}")

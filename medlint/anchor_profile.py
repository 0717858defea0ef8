"""The cross-post anchor profile: every link home from the writer's cross-posts, by the page of
the site it links to, with its text and the kind of text it is.

Writers cross-post for the links home, and the advice they follow is a *diverse* profile: one
exact phrase repeated across every copy reads as manipulation to search engines. No single
draft shows that; the profile does. It is made of:

- the drafts of the run, and the configured drafts folders (so that a check of one file, a
  pre-commit hook given the staged files, and an editor see the same profile);
- the posts already cross-posted: pages of the site whose front matter says where they were
  published (``cross_posted:`` or ``medium_url:``, see
  :data:`~medlint.similarity.index.CROSS_POSTED_KEYS`). The profile lives in the repository's
  own files, survives a fresh clone, and needs no service.

Only links that reach a page of the site count. ML105, ML110 and ``medlint anchors`` read it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.document import Document, read_document
from medlint.site import Reach, Site

if TYPE_CHECKING:
    from medlint.similarity.index import SiteIndex

#: the kinds of anchor text, in the categories SEO practice uses
EXACT, PARTIAL, BRANDED, NAKED, GENERIC, OTHER = (
    "exact title",
    "partial match",
    "branded",
    "naked URL",
    "generic",
    "other",
)
KINDS = (EXACT, PARTIAL, BRANDED, NAKED, GENERIC, OTHER)


@dataclass(frozen=True)
class AnchorLink:
    """One link home: where it is written (``source``, a draft or a cross-posted post, with its
    line and column), its text as written and compared (``key``), the page it reaches (its
    published URL and file) and the kind of its text."""

    source: str
    line: int
    column: int
    text: str
    key: str
    url: str
    page: str
    kind: str
    #: a draft of this run or of the drafts folders (else a post already cross-posted)
    draft: bool


@dataclass(frozen=True)
class Target:
    """A page of the site that the profile links to, with its title and the links to it."""

    url: str
    page: str
    title: str
    links: tuple[AnchorLink, ...]

    def shares(self) -> list[tuple[str, int, str]]:
        """Each exact text (as first written), how many links use it, and its kind: most first."""
        counts = Counter(link.key for link in self.links)
        first = {}
        for link in self.links:
            first.setdefault(link.key, link)
        return [(first[key].text, count, first[key].kind) for key, count in counts.most_common()]

    def kinds(self) -> Counter[str]:
        return Counter(link.kind for link in self.links)


@dataclass
class AnchorProfile:
    """Every link home of the profile's documents, by target page."""

    targets: dict[str, Target] = field(default_factory=dict)
    #: the documents read for it (drafts and cross-posted posts), by real path
    sources: list[str] = field(default_factory=list)

    def target_of(self, link_url: str) -> Target | None:
        return self.targets.get(link_url)

    def links_from(self, path: str) -> list[AnchorLink]:
        real = os.path.realpath(path)
        return [link for target in self.targets.values() for link in target.links if link.source == real]


def kind_of(text: str, title: str, brand: frozenset[str], generic: Container[str], language: str | None) -> str:
    """The kind of an anchor text aimed at a page titled ``title``."""
    from medlint.similarity import topics

    key = topics.normalize_text(text)
    if topics.URL_TEXT.match(text.strip()):
        return NAKED
    if key in generic:
        return GENERIC
    if title and key == topics.normalize_text(title):
        return EXACT
    words = set(topics.words(text, language))
    if words and brand and words <= brand:
        return BRANDED
    if set(topics.terms(text, language)) & set(topics.terms(title, language)):
        return PARTIAL
    return OTHER


def build_profile(
    drafts: Iterable[Document],
    site: Site,
    index: SiteIndex | None,
    draft_files: Iterable[str] = (),
    language: str | None = None,
    generic: Container[str] = frozenset(),
) -> AnchorProfile:
    """The profile of ``drafts`` (documents already read: a draft being edited is its unsaved
    text), the other ``draft_files`` (read here), and the posts of ``index`` that declare their
    cross-posts; ``generic``: the texts that say nothing (ML101's, normalised)."""
    from medlint.similarity.topics import brand_words, normalize_text

    documents: dict[str, tuple[str, list[WrittenLink], bool]] = {}
    for doc in drafts:
        if doc.read_error is None:
            documents.setdefault(os.path.realpath(doc.path), (doc.path, _written(doc), True))
    others = {os.path.realpath(file): (file, True) for file in draft_files}
    if index is not None:
        others.update({os.path.realpath(index.path(row)): (index.path(row), False) for row in index.cross_posted()})
    wanted = {real: file for real, (file, _) in others.items() if real not in documents}
    for real, links in _links_of(wanted, site).items():
        if links is not None:
            documents[real] = (wanted[real], links, others[real][1])
    brand = brand_words(site.site_url)
    titles: dict[str, str] = {}
    found: dict[str, list[AnchorLink]] = {}
    pages: dict[str, str] = {}
    for real, (path, links, draft) in documents.items():
        for line, column, text, target in links:
            place = site.locate(target, path)
            page = place.page
            if place.reach is not Reach.PAGE or page is None or page.file is None or place.url is None:
                continue
            url = place.url.partition("#")[0]
            file = os.path.realpath(page.file)
            if file == real:
                continue
            if url not in titles:
                titles[url] = _title(index, file)
            kind = kind_of(text, titles[url], brand, generic, language)
            anchor = AnchorLink(real, line, column, text, normalize_text(text), url, file, kind, draft)
            found.setdefault(url, []).append(anchor)
            pages[url] = file
    targets = {url: Target(url, pages[url], titles[url], tuple(links)) for url, links in sorted(found.items())}
    return AnchorProfile(targets, sorted(documents))


#: a link as the profile reads it: line, column, text and target
WrittenLink = tuple[int, int, str, str]


def _written(doc: Document) -> list[WrittenLink]:
    return [
        (link.line, link.column, link.text, link.target)
        for link in doc.text_links
        if link.target.strip() and not link.target.startswith("#")
    ]


def _links_of(files: dict[str, str], site: Site) -> dict[str, list[WrittenLink] | None]:
    """The links of each file (by real path; ``None``: unreadable), read from the profile's cache
    where the file's stamp is the one recorded: a one-draft check reads the other drafts and the
    cross-posted posts every run, and parsing 200 drafts costs half a second."""
    import time

    from medlint.cache import RACY_NS, PageCache, stamp_of

    cache = PageCache.open(f"{site.docs_dir}\0{site.dialect!r}", kind="links") if site.use_cache else None
    stored = cache.read() if cache is not None else {}
    known = stored.get("files", {}) if isinstance(stored, dict) else {}
    trusted_before = stored.get("written", 0) - RACY_NS if isinstance(stored, dict) else 0
    result: dict[str, list[WrittenLink] | None] = {}
    kept: dict[str, tuple[bytes, list[WrittenLink]]] = {}
    parsed = False
    for real, file in files.items():
        try:
            status = os.stat(file)
        except OSError:
            result[real] = None
            continue
        stamp = stamp_of(status)
        entry = known.get(real)
        if entry is not None and entry[0] == stamp and status.st_mtime_ns < trusted_before:
            links = [tuple(link) for link in entry[1]]
        else:
            parsed = True
            doc = read_document(file, dialect=site.dialect)
            if doc.read_error is not None:
                result[real] = None
                continue
            links = _written(doc)
        result[real] = links  # type: ignore[assignment]
        kept[real] = (stamp, links)  # type: ignore[assignment]
    if cache is not None and (parsed or kept.keys() != known.keys()):
        cache.write({"written": time.time_ns(), "files": kept})
    return result


def _title(index: SiteIndex | None, file: str) -> str:
    """A page's title as the site index read it, else its file's name."""
    row = index.row_of(file) if index is not None else None
    return index.title(row) if index is not None and row is not None else Path(file).stem

"""Anchor text rules (ML101-ML111): what a link, or an image's alt text, says about where it goes and what it shows."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from medlint import urls
from medlint.context import Context
from medlint.document import Document, Link
from medlint.document.destinations import label_of
from medlint.findings import Applicability, Edit, Fix, Problem, Related, RelatedKind, Severity
from medlint.language import primary
from medlint.options import option
from medlint.rules.base import NoOptions, rule
from medlint.rules.phrases import phrases_by_language
from medlint.similarity.topics import URL_TEXT as _URL_TEXT
from medlint.similarity.topics import normalize_text, word_set
from medlint.site import Reach

if TYPE_CHECKING:
    from medlint.anchor_profile import AnchorLink
    from medlint.similarity import CorpusReport


@dataclass(frozen=True)
class GenericTexts:
    """The link texts ML101 calls generic, in one language: a text (normalised) is in it when it
    is one of the phrases, or when nothing in it names a target: two words or more, each a word
    of the phrases, a stop word or a word for the link itself ("post", "article", "link"), and
    one of them a word of the phrases ("click here for more", "see this link", "more on this").
    One word alone must be a phrase: "click" is also a library's name."""

    phrases: frozenset[str]
    #: the words of the phrases, but stop words
    words: frozenset[str]
    #: every word a generic text may hold
    allowed: frozenset[str]

    def __contains__(self, text: object) -> bool:
        if text in self.phrases:
            return True
        tokens = text.split() if isinstance(text, str) else []
        return (
            len(tokens) > 1
            and all(token in self.allowed for token in tokens)
            and any(token in self.words for token in tokens)
        )


#: the words for the link itself ("post", "article", "link"), which name no target
LINK_ITSELF: dict[str, frozenset[str]] = {
    "en": word_set("post posts article articles link links"),
    "de": word_set("beitrag beiträge artikel link links"),
    "es": word_set("publicación entrada artículo enlace enlaces"),
    "pt": word_set("publicação post artigo link links"),
    "sv": word_set("inlägg artikel artikeln länk länken länkar"),
    "ja": word_set("記事 投稿 リンク"),
    "ko": word_set("게시물 글 기사 링크"),
    "ta": word_set("பதிவு கட்டுரை இணைப்பு"),
    "fa": word_set("پست مقاله لینک پیوند"),
}


@lru_cache(maxsize=64)
def _generic_texts(language: str | None, phrases: tuple[str, ...]) -> GenericTexts:
    from medlint.similarity.topics import STOP_WORDS

    languages = [language] if language is not None else list(LINK_ITSELF)
    stop = frozenset().union(*(STOP_WORDS.get(code, frozenset()) for code in languages))
    itself = frozenset().union(*(LINK_ITSELF.get(code, frozenset()) for code in languages))
    normalized = frozenset(normalize_text(phrase) for phrase in phrases)
    # a stop word counts as a word of the phrases where it is a phrase ("more", "this", "here")
    words = frozenset(
        word
        for phrase in normalized
        for word in phrase.split()
        if (word not in stop or word in normalized) and word not in ALSO_NAMES
    )
    return GenericTexts(normalized, words, words | stop | itself)


ALSO_NAMES = frozenset({"go"})
"""Words of the phrases that also name what writers link to (Lighthouse's "go" is the Go
language in "doing Go", a real text of the Go blog): generic as a whole text only."""


def generic_phrases(language: str | None, extra: ExtraPhrases = ()) -> GenericTexts:
    """The texts ML101 flags in a draft written in ``language``: that language's lists, or every
    list when the language is unknown (as Lighthouse does), plus the configured extra phrases (a
    list for every language, or a mapping from language to list), whole or word by word
    (:class:`GenericTexts`)."""
    lists = phrases_by_language()
    if language is None:
        chosen = tuple(phrase for phrases in lists.values() for phrase in phrases)
    else:
        chosen = lists.get(language, ())
    return _generic_texts(language, chosen + _extra_for(language, extra))


def _extra_for(language: str | None, extra: ExtraPhrases) -> tuple[str, ...]:
    """The configured extra phrases or words that apply in ``language``: a list applies in every
    language, a mapping by its language tags (all of them when no language is known)."""
    if isinstance(extra, dict):
        return tuple(item for tag, items in extra.items() if language in (None, primary(tag)) for item in items)
    return tuple(extra)


def _worded(link: Link) -> bool:
    """A link whose words can be judged: clickable, with visible text that is not code or an image."""
    return link.kind in ("link", "html") and not link.text_is_code and not link.has_image and bool(link.text.strip())


def _show(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


ExtraPhrases = tuple[str, ...] | dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class GenericAnchorOptions:
    extra_phrases: ExtraPhrases = option(
        (),
        "More phrases to flag, matched the same way: a list (flagged in every language) or a mapping "
        "from language to list ({de: [das hier]}).",
    )


@rule("ML101", "generic-anchor-text", Severity.ERROR, GenericAnchorOptions)
def generic_anchor_text(doc: Document, context: Context, options: GenericAnchorOptions) -> Iterator[Problem]:
    """Link text that says nothing about its target ("click here", "read more", "this").

    Why: readers scan links, screen readers list them out of context, and search engines use
    anchor text to learn what the target is about. "Click here" tells none of them anything, and
    on Medium a backlink's anchor text is most of what it is worth.

    A text is generic as a whole phrase, or word by word: two words or more, each a word of the
    language's phrases, one of its stop words or a word for the link itself ("post", "article",
    "link"), with at least one word of the phrases ("click here for more", "see this link", "read
    the full post here"). One word alone must be a phrase ("click" is also a library's name), and
    "go" counts only as a whole text ("doing Go" names a language). ``benchmarks/eval_generic.py``
    lists every real link text of the corpus that this flags.

    Matching ignores case, punctuation, symbols and emphasis, and works in every script (text in
    Japanese or Greek is never "empty" after normalising). Link text that is a code span
    (`` [`open()`](...) ``) is never generic.

    Languages: the lists of Lighthouse's link-text audit for en, ja, es, pt, ko, sv, de, ta and
    fa, with markdownlint's MD059 phrases and medlint's own added to English. A draft's language
    is its front matter ``lang`` (or ``language``, ``locale``), else the configured ``language``,
    else the site's (``theme.language`` or ``theme.locale`` in mkdocs.yml, Hugo's
    ``languageCode``/``defaultContentLanguage``, Jekyll's ``lang``, Zola's ``default_language``).
    With a language, only its list applies (none for a language without a list); with none known,
    every list applies.

    Bad:  To install it, [click here](https://example.com/install).
    Good: Read the [installation guide](https://example.com/install).
    """
    phrases = generic_phrases(context.language_of(doc), options.extra_phrases)
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
    min_chars: int = option(2, "Shortest acceptable link text, in characters (scripts written with spaces).")
    max_words: int = option(12, "Longest acceptable link text, in words: past a dozen words the link is a sentence.")
    max_chars_unspaced: int = option(
        30,
        "Longest acceptable link text in scripts written without spaces (Chinese, Japanese, Thai...), in "
        "characters: a dozen words are about 20-30 characters there (see the rule's text).",
    )


_UNSPACED_SCRIPTS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x2FA1F),  # CJK extensions B-F
)


def _unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED_SCRIPTS)


def unspaced_share(text: str) -> float:
    """The share of the text's letters that belong to scripts written without spaces."""
    if text.isascii():
        return 0.0  # every such script is outside ASCII; most link text is ASCII
    letters = [char for char in text if char.isalnum()]
    return sum(1 for char in letters if _unspaced(char)) / len(letters) if letters else 0.0


@rule("ML104", "anchor-text-length", Severity.WARNING, AnchorLengthOptions)
def anchor_text_length(doc: Document, context: Context, options: AnchorLengthOptions) -> Iterator[Problem]:
    """Link text too short (one character) or too long (more than ``max_words`` words).

    Why: a one-character link is a tiny tap target that says nothing; a whole sentence as link
    text dilutes what the link is about. Three to eight words is the usual sweet spot.

    Text mostly in a script written without spaces (Chinese, Japanese, Thai, Khmer...) is measured
    in characters, since counting spaces would make a sentence one word: one ideograph ("猫",
    cat) is a word and never too short, and past ``max_chars_unspaced`` characters the link is a
    sentence. The default of 30 comes from a dozen words at the usual 1.5 to 2.5 characters per
    word of Chinese and Japanese prose; it is not measured on a corpus here (none in those
    languages is at hand).

    Bad:  See [1](https://example.com/a) and [this long sentence that goes on ... and on](https://example.com/b).
    Good: See the [benchmark results](https://example.com/a).
    """
    for link in doc.text_links:
        if not _worded(link):
            continue
        text = " ".join(link.text.split())
        if unspaced_share(text) > 0.5:
            length = sum(1 for char in text if not char.isspace())
            if length > options.max_chars_unspaced:
                yield Problem.on(
                    link,
                    f"Link text is {length} characters long (at most {options.max_chars_unspaced}); "
                    "link the few words that name the target",
                )
            continue
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


@rule("ML105", "inconsistent-anchor-text", Severity.WARNING, needs_profile=True)
def inconsistent_anchor_text(
    doc: Document, context: Context, options: NoOptions, corpus: CorpusReport | None = None
) -> Iterator[Problem]:
    """One link text used for different targets.

    Why: when "the guide" points at two different pages, readers cannot tell which is which, and
    search engines get mixed signals about both. Generic texts are ML101's business and skipped here.
    Across cross-posts it is the same confusion: a text that links home to one page here and to
    another page in another draft or an already cross-posted post (the cross-post anchor profile,
    see ML110) is reported too.

    Bad:  the [setup guide](https://a.example/setup) ... the [setup guide](https://a.example/install)
    Good: the [setup guide](https://a.example/setup) ... the [install guide](https://a.example/install)
    """
    generic = generic_phrases(context.language_of(doc))
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
    yield from _inconsistent_across_posts(doc, context, {text for text, (_, _) in first.items()})


def _inconsistent_across_posts(doc: Document, context: Context, texts: set[str]) -> Iterator[Problem]:
    """A text of this draft linking home to one page, and to another in another post of the profile."""
    profile = context.profile
    if profile is None:
        return
    here = os.path.realpath(doc.path)
    mine = profile.links_from(doc.path)
    elsewhere: dict[str, AnchorLink] = {}
    for target in profile.targets.values():
        for other in target.links:
            if other.source != here and other.key in texts:
                elsewhere.setdefault(other.key, other)
    said: set[str] = set()
    for anchor in mine:
        other = elsewhere.get(anchor.key)
        if other is None or other.url == anchor.url or anchor.key in said:
            continue
        said.add(anchor.key)
        yield Problem(
            anchor.line,
            anchor.column,
            (
                f'Link text "{_show(anchor.text)}" points to {anchor.url} here but to {other.url} in ',
                PurePath(other.source),
                f" line {other.line}; across your cross-posts, give each page its own words",
            ),
            related=[Related(RelatedKind.PLACE, other.source, other.line)],
        )


@dataclass(frozen=True)
class RepeatedAnchorOptions:
    max_repeats: int = option(2, "How many times one text may link to one target before it reads as keyword stuffing.")


@rule("ML106", "repeated-anchor-text", Severity.WARNING, RepeatedAnchorOptions)
def repeated_anchor_text(doc: Document, context: Context, options: RepeatedAnchorOptions) -> Iterator[Problem]:
    """The same exact text linking to the same target over and over (keyword stuffing).

    Why: repeating one keyword-rich anchor many times looks like link spam to readers and to
    search engines, and Medium may treat the post as promotional.

    Across cross-posts the same repetition is ML110's: there each post linking home once is normal,
    so a count of repeats is the wrong measure, and the share of a page's links that one text takes
    is the right one. This rule counts within one draft.

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
    uses it as the image's alt attribute too. An HTML image marked as decoration (``alt=""`` or
    ``aria-hidden="true"``, as markdownlint's MD045 accepts) needs none.

    Bad:  ![](https://example.com/chart.png)
    Good: ![Build time by page count, growing linearly](https://example.com/chart.png)
    """
    for image in doc.images:
        if not image.text.strip() and not image.decorative:
            yield Problem.on(
                image,
                f"Image {image.target} has no alt text; describe what it shows",
            )


#: words that only say an image is there, by language (with the stop words, a placeholder
#: alt text is made of nothing else: "image", "a screenshot", "Bild 2")
PLACEHOLDER_WORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        "image images img pic picture pictures photo photos screenshot screenshots screen shot capture graphic "
        "figure fig illustration alt text placeholder untitled thumbnail banner cover icon diagram chart"
    ),
    "de": word_set("bild bilder foto fotos bildschirmfoto screenshot grafik abbildung abb platzhalter"),
    "es": word_set("imagen imágenes foto fotos captura pantalla gráfico figura ilustración marcador"),
    "pt": word_set("imagem imagens foto fotos captura tela gráfico figura ilustração"),
    "sv": word_set("bild bilder foto skärmdump skärmbild figur illustration"),
    "ja": word_set("画像 写真 スクリーンショット 図 イメージ"),
    "ko": word_set("이미지 사진 스크린샷 그림"),
    "ta": word_set("படம் புகைப்படம் திரைப்பிடிப்பு"),
    "fa": word_set("تصویر عکس اسکرین شات"),
}
#: file extensions of images, and of what a camera or a screenshot tool names a file
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|avif|svg|bmp|tiff?|heic)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^[\d_\-\s]*$")


@dataclass(frozen=True)
class PlaceholderAltOptions:
    extra_words: ExtraPhrases = option(
        (),
        "More words that say only that an image is there: a list (for every language) or a mapping from "
        "language to list ({de: [Aufnahme]}), as ML101's extra_phrases.",
    )


@rule("ML111", "placeholder-alt-text", Severity.WARNING, PlaceholderAltOptions)
def placeholder_alt_text(doc: Document, context: Context, options: PlaceholderAltOptions) -> Iterator[Problem]:
    """Alt text that says only that an image is there: "image", "screenshot", a file name.

    Why: alt text is what a screen reader says instead of the image and what a search engine
    reads of it; "image" tells neither anything, and neither does ``IMG_2034.jpg`` (a camera's
    name for the file) or an alt text that repeats the file's name. Medium keeps the alt text as
    written. An image marked as decorative (``alt=""`` in HTML) is ML108's business and passes.

    A text is a placeholder when every word of it is a placeholder word of the draft's language
    ("image", "screenshot", "Bild", "captura", "画像"...), a stop word or a number, or when it is
    a file name (it ends in an image extension), or when it is the image's own file name without
    its extension (``![diagram-1](diagram-1.png)``). The language is chosen as for ML101: with
    none known, every list applies; a language without a list has only the file-name checks.

    Bad:  ![screenshot](settings.png)
    Good: ![The settings page with dark mode switched on](settings.png)
    """
    language = context.language_of(doc)
    placeholder = _placeholder_words(language, _extra_for(language, options.extra_words))
    for image in doc.images:
        if image.decorative or not image.text.strip():
            continue
        text = normalize_text(image.text)
        if not text:
            continue
        file_stem = normalize_text(_IMAGE_FILE.sub("", PurePath(image.target.split("?")[0].split("#")[0]).name))
        tokens = text.split()
        if _IMAGE_FILE.search(image.text.strip()):
            said = "is a file name"
        elif file_stem and text == file_stem and not _NUMBERED.match(text):
            said = "repeats the file's name"
        elif all(token in placeholder or token.isdigit() for token in tokens) and not all(
            token.isdigit() for token in tokens
        ):
            said = "says only that an image is there"
        else:
            continue
        yield Problem.on(
            image,
            f'Alt text "{_show(image.text)}" of {image.target} {said}; describe what the image shows',
        )


@lru_cache(maxsize=64)
def _placeholder_words(language: str | None, added: tuple[str, ...]) -> frozenset[str]:
    """The placeholder words of ``language`` and its stop words (every list's with no language
    known, none for a language without a list, as for ML101), and the configured ``added``."""
    from medlint.similarity.topics import STOP_WORDS

    languages = list(PLACEHOLDER_WORDS) if language is None else [language] if language in PLACEHOLDER_WORDS else []
    return frozenset().union(
        *(PLACEHOLDER_WORDS[code] | STOP_WORDS.get(code, frozenset()) for code in languages),
        (normalize_text(word) for word in added),
    )


@dataclass(frozen=True)
class OffTargetOptions:
    min_coverage: float = option(
        0.4,
        "The share of a text's weight (each word weighed by how rare it is on the site, in full when the target "
        "has it in its title, headings or front matter, half when only in its prose) that its target must hold. "
        "Measured on the real links of the corpora (benchmarks/eval_anchors.py): lower flags fewer real links "
        "and fewer misdirected ones.",
    )
    min_words: int = option(
        2,
        "The fewest words that can say what a page is about (stop words and words such as 'post' or 'previous' "
        "left out) for a text to be judged: one word ('announced', 'fuzzing') is too little to tell a target by.",
    )
    better_margin: float = option(
        0.3,
        "How much more of the text another page must hold than the target does to be named as the page the "
        "text describes better.",
    )


@rule("ML109", "off-target-anchor-text", Severity.WARNING, OffTargetOptions, needs_site=True, needs_index=True)
def off_target_anchor_text(
    doc: Document, context: Context, options: OffTargetOptions, corpus: CorpusReport
) -> Iterator[Problem]:
    """A link into your own site whose text does not describe the page it links to.

    Why: readers and search engines take a link's text as a promise of what is behind it. A
    text that names another subject than its target's misleads both, and spends the link on a
    topic the target does not rank for. The text is judged against what medlint knows of the
    target: its title, headings, front matter description and tags, file name and prose, with
    every word stemmed in the site's language and weighed by how rare it is on the site (a word
    on every page of a Go blog, "go", says little). When another page of the site holds clearly
    more of the text, the message names it: the link may simply point at the wrong page.

    Only links that reach a page of the site are judged; links elsewhere, generic texts (ML101's)
    and texts of fewer than ``min_words`` telling words are not. Words that describe the link
    rather than its target ("my earlier post", "the original") and the words of the site's
    address (a branded text, "on medlint.example") do not count. What medlint
    cannot know: a target's rendered text beyond its Markdown (a page its generator makes, such
    as a tag page, is not judged), and synonyms that share no stem ("car" and "automobile"). The
    unsafe fix uses the target's title as the text. The defaults are measured on the real links
    of the corpora (benchmarks/eval_anchors.py, reported in the docs' Benchmarks page).

    Bad:  [a guide to async Rust](https://example.com/posts/sourdough-starter/)
    Good: [my sourdough starter routine](https://example.com/posts/sourdough-starter/)
    """
    site, index = context.pages, corpus.index
    if site is None or index is None:
        return
    generic = generic_phrases(context.language_of(doc))
    for link in doc.text_links:
        if not _worded(link) or link.text_is_code or not link.target.strip() or link.target.startswith("#"):
            continue
        if normalize_text(link.text) in generic:
            continue
        place = site.locate(link.target, doc.path)
        page = place.page
        if place.reach is not Reach.PAGE or page is None or page.file is None:
            continue
        row = index.row_of(str(page.file))
        if row is None or index.row_of(doc.path) == row:
            continue
        from medlint.similarity.relevance import judge, off_target
        from medlint.similarity.topics import brand_words

        judged = judge(index, row, link.text, options.better_margin, brand_words(site.site_url))
        if judged is None or not off_target(judged, options.min_coverage, options.min_words):
            continue
        title = index.title(row)
        about = f' ("{_show(title)}")' if title else ""
        better = ""
        if judged.better is not None:
            other = index.title(judged.better) or index.path(judged.better)
            better_url = site.url(Path(index.path(judged.better))) or index.path(judged.better)
            better = f'; it describes "{_show(other)}" ({better_url}) better'
        yield Problem.on(
            link,
            f'Link text "{_show(link.text)}" does not describe its target {place.url or link.target}{about}: '
            f"{judged.coverage:.0%} of what it says is on that page{better}",
            fix=_title_fix(doc, link, title),
        )


def _title_fix(doc: Document, link: Link, title: str) -> Fix | None:
    """The link's text replaced by its target's title (unsafe: the writer's words are theirs)."""
    label = label_of(doc, link)
    if label is None or not title.strip() or "\n" in title:
        return None
    text = re.sub(r"([\\\[\]])", r"\\\1", title.strip())
    edit = Edit(label.line, label.column, label.line, label.end_column, text)
    return Fix(Applicability.UNSAFE, (edit,), f'Use the target\'s title "{title.strip()}" as the link text')


@dataclass(frozen=True)
class OverOptimizedOptions:
    max_share: float = option(
        0.5,
        "The share of the links to one page that one exact text may take. Above half, one phrase is the "
        "profile: the 'diverse' profile the advice asks for has no text in the majority.",
    )
    min_links: int = option(
        3,
        "The fewest links to one page before the profile is judged: two links with one text are a coincidence, "
        "not a pattern.",
    )


@rule(
    "ML110", "over-optimized-anchor-text", Severity.WARNING, OverOptimizedOptions, needs_site=True, needs_profile=True
)
def over_optimized_anchor_text(
    doc: Document, context: Context, options: OverOptimizedOptions, corpus: CorpusReport | None = None
) -> Iterator[Problem]:
    """Across your cross-posts, one exact text takes most of the links to one page of your site.

    Why: writers cross-post for the links home, and the advice they follow is a diverse anchor
    profile. The same keyword-rich phrase in every copy (six posts that all say "best rust
    tutorial") is the over-optimised pattern search engines discount or penalise, and no single
    draft shows it. The profile is every link home in the drafts of the run, the configured drafts
    folders, and the posts already cross-posted: pages whose front matter says where they were
    published (``cross_posted:`` with the URL, a list or a mapping such as ``{medium:
    https://medium.com/@me/x}``; or ``medium_url:``), so it lives in the repository's own files.

    The finding sits on each draft link that adds to it, gives the profile, and suggests texts the
    other posts have not used: the page's title, one of its headings. ``medlint anchors`` shows
    the whole profile. What medlint cannot know: links from copies that are not in the repository
    (a post edited on the platform after it was pasted), and links others made.

    Bad:  four of five links to /posts/rust/ across your cross-posts say "best rust tutorial".
    Good: "my Rust tutorial", "the ownership chapter", "Learning Rust the hard way", ...
    """
    profile = context.profile
    if profile is None:
        return
    reported: set[tuple[str, str]] = set()
    for anchor in profile.links_from(doc.path):
        target = profile.targets[anchor.url]
        if len(target.links) < options.min_links or (anchor.url, anchor.key) in reported:
            continue
        same = sum(1 for link in target.links if link.key == anchor.key)
        if same / len(target.links) <= options.max_share:
            continue
        reported.add((anchor.url, anchor.key))
        used = {link.key for link in target.links}
        ideas = _text_ideas(target.page, target.title, context)
        ideas = [idea for idea in ideas if normalize_text(idea) not in used][:3]
        advice = "; vary it, for example " + ", ".join(f'"{_show(idea)}"' for idea in ideas) if ideas else ""
        yield Problem(
            anchor.line,
            anchor.column,
            f"{same} of {len(target.links)} links to {target.url} across your cross-posts say "
            f'"{_show(anchor.text)}"{advice}',
            related=[
                Related(RelatedKind.PLACE, link.source, link.line)
                for link in target.links
                if link.key == anchor.key and link is not anchor
            ],
        )


def _text_ideas(page: str, title: str, context: Context) -> list[str]:
    """Texts a link to ``page`` could use: its title, then its headings (read in the site's
    dialect, so that a heading's attribute list is not part of its text; read once a page, which
    many links may target)."""
    from medlint.document import read_document

    found = [title] if title else []
    headings = context.site.headings(Path(page)) if context.site else read_document(page).headings
    found += [heading.text for heading in headings if heading.level > 1 and 2 <= len(heading.text.split()) <= 10]
    return list(dict.fromkeys(found))

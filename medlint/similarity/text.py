"""Prose passages and their fingerprints, computed the same way for site pages and drafts.

A fast line splitter (not the full Markdown parse) cuts a file into passages: paragraphs, list
items and headings, with fenced and indented code, tables, HTML-only lines, reference
definitions and template lines left out, and inline markup stripped. Pages and drafts go through
this one function, so a copied paragraph segments identically on both sides, and 10,000 pages
split in a couple of seconds.

Fingerprints are hashes of word 4-grams (shingles): CRC-32 of each word, the four combined by
the interpreter's tuple hash (C speed; for integers it has no random seed, so it is the same in
every run, and the cache records which interpreter's hash made its fingerprints). The index keeps the shingles whose hash
is 0 modulo 4 (Broder's "0 mod p" sampling: a shared shingle is kept on both sides or neither)
plus each passage's smallest hash, so every passage of four words or more has a fingerprint.
"""

from __future__ import annotations

import re
import zlib

from medlint.findings import PassageText as Passage

SHINGLE = 4
SAMPLE_MODULUS = 4
_MASK = (1 << 64) - 1

_WORD = re.compile(r"\w+")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")
# bounded repetitions: an unclosed "](" or "<" must not rescan the rest of a long line
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,1000}\)")
_LINK_TARGET = re.compile(r"\]\([^)\n]{0,1000}\)|\]\[[^\]\n]{0,500}\]")
_TAG = re.compile(r"<[^>\n]{0,500}>")
_EMPHASIS = re.compile(r"[\[\]`*]+|\s{2,}")
_SKIP_LINE = ("|", "{{", "{%", "!!!", "???", "--8<--", "[^")


def passages(lines: list[str], first_line: int = 1) -> list[Passage]:
    """Prose passages of ``lines`` (the body, after front matter); ``first_line`` is the file line
    number of ``lines[0]``."""
    found: list[Passage] = []
    current: list[str] = []
    start = 0
    fence = ""
    previous_blank = True
    in_code = False  # inside an indented code block
    in_list = False  # inside a list, where indented lines continue an item

    def close(end: int) -> None:
        nonlocal current
        if current:
            text = _strip_markup(" ".join(current))
            if text.strip():
                found.append(Passage(start, end, text))
            current = []

    for index, raw in enumerate(lines):
        number = first_line + index
        stripped = raw.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            previous_blank = False
            continue
        # each pattern below starts with the line's first character: test that before matching
        first = stripped[:1]
        opening = _FENCE.match(raw) if first in ("`", "~") else None
        if opening:
            close(number - 1)
            fence = opening.group(1)
            continue
        if not stripped:
            close(number - 1)
            previous_blank = True
            continue
        indented = raw.startswith(("    ", "\t"))
        in_code = indented and (in_code or (previous_blank and not current and not in_list))
        if in_code or stripped.startswith(_SKIP_LINE) or (first == "[" and _REFERENCE.match(raw)):
            close(number - 1)
            previous_blank = False
            continue
        is_item = (first in "-*+" or first.isdigit()) and bool(_LIST_ITEM.match(raw))
        in_list = is_item or (in_list and (indented or not previous_blank))  # lazy lines continue an item
        previous_blank = False
        is_heading = first == "#" and bool(_HEADING.match(raw))
        if is_heading or is_item:
            close(number - 1)
        if not current:
            start = number
        current.append(stripped.lstrip("#>*-+ ") if is_heading or is_item else stripped)
        if is_heading:
            close(number)
    close(first_line + len(lines) - 1)
    return found


def _strip_markup(text: str) -> str:
    if "![" in text:
        text = _IMAGE.sub(" ", text)
    if "](" in text or "][" in text:
        text = _LINK_TARGET.sub(" ", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    return _EMPHASIS.sub(lambda match: " " if match.group(0).isspace() else "", text).strip()


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


_word_hashes: dict[str, int] = {}


def shingle_hashes(words: list[str]) -> list[int]:
    """Stable 64-bit hashes of every run of four consecutive words."""
    cache = _word_hashes
    if len(cache) > 500_000:
        cache.clear()
    codes = []
    for word in words:
        code = cache.get(word)
        if code is None:
            code = cache[word] = zlib.crc32(word.encode("utf-8"))
        codes.append(code)
    if len(codes) < SHINGLE:
        return []
    return [value & _MASK for value in map(hash, zip(codes, codes[1:], codes[2:], codes[3:], strict=False))]


def fingerprints(words: list[str]) -> set[int]:
    """The sampled shingles of one passage (always at least one for four words or more)."""
    hashes = shingle_hashes(words)
    if not hashes:
        return set()
    chosen = {value for value in hashes if value % SAMPLE_MODULUS == 0}
    chosen.add(min(hashes))
    return chosen

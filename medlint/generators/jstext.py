"""JavaScript and TypeScript settings files (``astro.config.mjs``, ``docusaurus.config.js``,
``eleventy.config.js``) read as text, never run: comments blanked, then the few literal values a
site's URLs depend on looked up by key.

A value written as a literal (a string, ``true``/``false``, a number) is read; anything else (a
variable, a call, a template with ``${}``) is :data:`COMPUTED`, which the generators report as a
notice and read no URL from. Every scan is a regular expression without nested repetition, so a
file costs time linear in its size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

from medlint.files import Boundary, read_regular
from medlint.loaders import MAX_SETTINGS_SIZE
from medlint.site import SiteError

COMPUTED: Final = object()
"""A key whose value is not a literal: the site's code decides it."""

MAX_DECLARATIONS: Final = 64
"""How many plugin entries or collections of one file are read: each is scanned to its closing
brace, so a bound keeps a file full of unclosed declarations linear in its size."""

_TOKEN = re.compile(
    r""""(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`"""  # strings, kept
    r"""|//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?""",  # comments, blanked
)
_LITERAL = re.compile(
    r"""\s*(?:"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'|`((?:\\.|[^`\\$])*)`|(true|false)\b|(-?\d+(?:\.\d+)?)\b|(null|undefined)\b)"""
)


def read_source(path: Path, boundary: Boundary | None = None) -> str:
    """The file's text with its comments blanked (strings kept, the length unchanged); a file that
    cannot be read, or is out of the project, is a :class:`SiteError`."""
    if boundary is not None and boundary.leaves(path):
        raise SiteError(f"{path} leads outside the project; set follow_outside: true (or --follow-outside)")
    try:
        data = read_regular(path, MAX_SETTINGS_SIZE)
    except OSError as exc:
        raise SiteError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_SETTINGS_SIZE:
        raise SiteError(f"{path}: larger than {MAX_SETTINGS_SIZE:,} bytes; is it a settings file?")
    text = data.decode("utf-8", errors="replace")
    return _TOKEN.sub(lambda match: match.group(0) if match.group(0)[0] in "\"'`" else _blank(match.group(0)), text)


def _blank(comment: str) -> str:
    return re.sub(r"[^\n]", " ", comment)


_KEYS = re.compile(
    r""""(?:\\.|[^"\\\n])*"(\s*:)?|'(?:\\.|[^'\\\n])*'(\s*:)?|`(?:\\.|[^`\\])*`|([A-Za-z_$][\w$]*)\s*:(?!:)|[{}]"""
)


def _key_at(source: str, key: str, depth: int | None) -> int | None:
    """Where the value of the first ``key:`` at brace ``depth`` (any, for ``None``) starts."""
    level = 0
    for token in _KEYS.finditer(source):
        text = token.group(0)
        if text == "{":
            level += 1
        elif text == "}":
            level -= 1
        elif (depth is None or level == depth) and (token.group(1) or token.group(2) or token.group(3)):
            name = token.group(3) or text[1 : text.rindex(text[0])]
            if name == key:
                return token.end()
    return None


def value_of(source: str, key: str, depth: int | None = 1) -> object:
    """The literal value of the first ``key:`` at brace ``depth`` of ``source`` (1: the keys of
    the outermost object, where a config's settings are): a string, bool, number, or ``None`` for
    ``null``; :data:`COMPUTED` when it is not a literal; ``None`` when the key is not there."""
    at = _key_at(source, key, depth)
    if at is None:
        return None
    literal = _LITERAL.match(source, at)
    if literal is None:
        return COMPUTED
    text = next((group for group in literal.groups()[:3] if group is not None), None)
    if text is not None:
        return re.sub(r"\\(.)", r"\1", text)
    if literal.group(4):
        return literal.group(4) == "true"
    if literal.group(5):
        number = float(literal.group(5))
        return int(number) if number.is_integer() else number
    return None


def read_settings(
    path: Path | None, boundary: Boundary | None, keys: tuple[str, ...], missing: str
) -> tuple[str, dict[str, Any]]:
    """A JavaScript settings file's text (comments blanked) and the literal values of ``keys`` in
    its outermost object, with ``computed`` listing those its code decides; no file is a
    :class:`SiteError` saying ``missing``."""
    if path is None:
        raise SiteError(missing)
    source = read_source(path, boundary)
    settings: dict[str, Any] = {"computed": []}
    for key in keys:
        settings[key] = literal(source, key, settings["computed"])
    return source, settings


def literal(source: str, key: str, computed: list[str]) -> object:
    """:func:`value_of` the outermost object, a computed value read as ``None`` and its key added
    to ``computed`` (which the site says in a notice)."""
    value = value_of(source, key)
    if value is COMPUTED:
        computed.append(repr(key))
        return None
    return value


def object_after(source: str, start: int) -> str | None:
    """The ``{...}`` object literal that starts at ``start`` (after spaces, a comma or an opening
    parenthesis: ``({ ... })``), braces inside strings ignored; ``None`` when there is none or it
    does not close."""
    opening = re.compile(r"[\s,(]*\{").match(source, start)
    if opening is None:
        return None
    depth = 0
    for token in _KEYS.finditer(source, opening.end() - 1):
        if token.group(0) == "{":
            depth += 1
        elif token.group(0) == "}":
            depth -= 1
            if depth == 0:
                return source[opening.end() - 1 : token.end()]
    return None


def block_of(source: str, key: str, depth: int | None = 1) -> str | bool | None:
    """The object literal given as ``key:`` at ``depth`` (``blog: {...}``); ``False`` when the
    value is ``false``; ``None`` when the key is not there or its value is no object."""
    at = _key_at(source, key, depth)
    if at is None:
        return None
    if re.compile(r"\s*false\b").match(source, at):
        return False
    return object_after(source, at)

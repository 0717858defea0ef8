"""Formatters: findings in, text out. Each module has ``render(findings, summary) -> str``.

:func:`render` is the output boundary: it names every file once (real paths become display
names) and hands the named findings to the chosen format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from medlint.findings import Finding, Namer
    from medlint.rules.base import Rule

NAMES = ("text", "json", "github", "sarif")

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\n``), and the
    line separators and bidirectional overrides as ``\\u2028``: a file name, URL or source line
    from a file cannot move the cursor, forge an output line or a workflow command, set a window
    title or write the clipboard."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED_ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def portable_name(name: str) -> str:
    """A file name as JSON output writes it: as it is when it is text; percent-encoded, as a URI
    path is, when its bytes are not UTF-8 (``x%FFy.md``), which is lossless and valid JSON."""
    if not _UNDECODED.search(name):
        return name
    return quote(name.encode("utf-8", "surrogateescape"), safe="/!$&'()*+,;=:@-._~")


def valid_text(value: Any) -> Any:
    """``value`` (JSON data) with every string valid Unicode: a byte that was not UTF-8 in a
    file's name, inside a message, becomes U+FFFD (the name itself is in ``path``, lossless)."""
    if isinstance(value, str):
        return _UNDECODED.sub("\ufffd", value) if _UNDECODED.search(value) else value
    if isinstance(value, list):
        return [valid_text(item) for item in value]
    if isinstance(value, dict):
        return {key: valid_text(item) for key, item in value.items()}
    return value


_UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass
class Summary:
    """What a formatter may say about the run besides its findings."""

    files: int = 0
    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    quiet: bool = False
    #: findings that ``--fix`` resolved in this run
    fixed: int = 0
    #: whether unsafe fixes are on (``--unsafe-fixes``): they count as fixable then
    unsafe_fixes: bool = False


def present(findings: list[Finding], namer: Namer) -> list[Finding]:
    """The findings as output shows them: every file they name, named."""
    return [finding.named(namer) for finding in findings]


def render(name: str, findings: list[Finding], summary: Summary, namer: Namer) -> str:
    """``findings`` (real paths) as format ``name`` (one of :data:`NAMES`)."""
    module = import_module(f"medlint.formats.{name}_format")
    return module.render(present(findings, namer), summary)  # type: ignore[no-any-return]

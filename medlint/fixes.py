"""Fixes: the edits that findings carry, chosen, applied to the bytes they were found in, shown
as a diff or written back.

Only the spans of the edits change: every other byte stays as it was, byte order mark, line
endings (an inserted line takes the file's own), trailing spaces and the final newline included.
A file is written atomically (a temporary file in its folder, then a rename) with its mode kept,
and never when it changed on disk after it was read, when it is read-only, or when it is a page
or a source of the site (a page, or a draft the site will publish) rather than a draft kept apart.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from medlint.files import read_regular
from medlint.findings import Applicability, Edit, Finding, Severity

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass
class FileFix:
    """The fixes chosen for one file: the findings they resolve and their edits, in order."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


def choose(findings: Iterable[Finding], unsafe: bool) -> dict[str, FileFix]:
    """Per file, the fixes to apply: safe ones, and unsafe ones when ``unsafe``. A fix whose edits
    overlap an edit already chosen is left for a later run (the same edit proposed twice, as for
    two links sharing a definition, counts once)."""
    chosen: dict[str, FileFix] = {}
    for finding in findings:
        fix = finding.fix
        if fix is None or (fix.applicability is Applicability.UNSAFE and not unsafe):
            continue
        plan = chosen.setdefault(finding.path, FileFix(finding.path))
        new = [edit for edit in fix.edits if edit not in plan.edits]
        if any(_overlap(edit, other) for edit in new for other in plan.edits):
            continue
        plan.findings.append(finding)
        plan.edits.extend(new)
    return {path: plan for path, plan in chosen.items() if plan.edits}


def _overlap(one: Edit, other: Edit) -> bool:
    start, end = (one.line, one.column), (one.end_line, one.end_column)
    other_start, other_end = (other.line, other.column), (other.end_line, other.end_column)
    if start == end or other_start == other_end:  # an insertion collides only with an edit at its place
        return other_start <= start < other_end or start <= other_start < end or start == other_start
    return start < other_end and other_start < end


class FixError(Exception):
    """Edits that do not fit the file (it is not the text they were made for)."""


def rewrite(data: bytes, edits: list[Edit]) -> bytes:
    """``data`` with ``edits`` applied; nothing else changes."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data[len(bom) :].decode("utf-8")
    ending = _LINE_END.search(text)
    newline = ending.group() if ending else "\n"
    starts = [0, *(match.end() for match in _LINE_END.finditer(text))]
    line_ends = [match.start() for match in _LINE_END.finditer(text)] + [len(text)]

    def offset(line: int, column: int) -> int:
        if not 0 < line <= len(starts) or column < 1 or starts[line - 1] + column - 1 > line_ends[line - 1]:
            raise FixError(f"no column {column} on line {line}")
        return starts[line - 1] + column - 1

    spans = sorted(
        ((offset(edit.line, edit.column), offset(edit.end_line, edit.end_column), edit.content) for edit in edits),
        reverse=True,
    )
    for start, end, content in spans:
        text = text[:start] + content.replace("\n", newline) + text[end:]
    return bom + text.encode("utf-8")


def unified_diff(name: str, before: bytes, after: bytes) -> str:
    """A unified diff of one file that ``patch -p0`` and ``git apply -p0`` apply (line endings
    kept, ``\\ No newline at end of file`` where a last line has none)."""
    old = _lines(before.decode("utf-8"))
    new = _lines(after.decode("utf-8"))
    out = []
    for line in difflib.unified_diff(old, new, fromfile=name, tofile=name):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    starts = [0, *(match.end() for match in _LINE_END.finditer(text))]
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True) if start < end]


MAX_FIXED_FILE = 100_000_000
"""Bytes: a draft this large was refused when read (``max_file_size``); the bound is for safety."""


def read_bytes(path: str) -> bytes:
    """The file's bytes again, opened as a regular file only (never a pipe put in its place)."""
    return read_regular(path, MAX_FIXED_FILE)


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's content: a temporary file in the same folder, its mode set to the
    file's, then renamed over it (a symbolic link is written through, to the file it names)."""
    real = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(real).st_mode)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(real), prefix=".medlint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, real)
        temporary = ""
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def unwritable(path: str) -> str | None:
    """Why a fix may not write ``path`` (read-only for its owner, or the folder refuses)."""
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return exc.strerror or str(exc)
    if not mode & stat.S_IWUSR:
        return f"the file is read-only (mode {stat.S_IMODE(mode):04o})"
    if not os.access(os.path.dirname(real) or ".", os.W_OK):
        return "its folder cannot be written"
    return None


@dataclass
class FixOutcome:
    """What fixing a run did (or, for ``--diff``, would do)."""

    #: unified diffs of the files that change, in path order
    diff: str = ""
    #: findings whose fix applies
    fixed: int = 0
    #: files left as they are, each as one ML901 finding that says why
    refused: list[Finding] = field(default_factory=list)
    #: sources of the site that had fixes and were left alone (their links are right on the site)
    left_alone: list[str] = field(default_factory=list)


def fix_files(
    findings: list[Finding],
    read_hashes: Mapping[str, bytes],
    protected: Iterable[Path],
    namer: Callable[[str], str],
    refusal_severity: Severity,
    unsafe: bool,
    write: bool,
) -> FixOutcome:
    """Apply (``write``) or only diff the fixes of ``findings``: only files whose bytes are still
    the ones read (``read_hashes``) are changed, and never a ``protected`` one (a source of the
    site, published or a draft: its relative links are right there), which is listed instead."""
    from medlint.document.reader import content_hash

    outcome = FixOutcome()
    pages = {os.path.realpath(page) for page in protected}
    for path, plan in sorted(choose(findings, unsafe).items(), key=lambda item: namer(item[0])):
        if os.path.realpath(path) in pages:
            outcome.left_alone.append(path)
            continue
        try:
            before = read_bytes(path)
            if content_hash(before) != read_hashes.get(path):
                raise FixError("the file changed on disk after it was read")
            after = rewrite(before, plan.edits)
        except (OSError, UnicodeDecodeError, FixError) as exc:
            outcome.refused.append(_refusal(path, exc, refusal_severity))
            continue
        reason = unwritable(path) if write else None
        if reason is None and write:
            try:
                write_atomically(path, after)
            except OSError as exc:
                reason = exc.strerror or str(exc)
        if reason is not None:
            outcome.refused.append(_refusal(path, reason, refusal_severity))
            continue
        outcome.diff += unified_diff(namer(path), before, after)
        outcome.fixed += len(plan.findings)
    return outcome


def _refusal(path: str, reason: object, severity: Severity) -> Finding:
    from medlint.rules.files import UNREADABLE_FILE

    if isinstance(reason, OSError):
        reason = reason.strerror or str(reason)
    message = f"Not fixed: {reason}"
    return Finding(path, 1, 1, 1, 1, UNREADABLE_FILE.code, UNREADABLE_FILE.name, severity, message)

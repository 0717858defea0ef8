"""Fixes: the edits that findings carry, chosen, applied to the bytes they were found in, shown
as a diff or written back.

Only the spans of the edits change: every other byte stays as it was, byte order mark, line
endings (an inserted line takes the file's own), trailing spaces and the final newline included.
A file is written atomically (a temporary file in its folder, then a rename) with its mode, owner
and group kept (in place when it has other hard links), only as a regular file inside the project
that is not a symbolic link, and never when it changed on disk after it was read, when it is
read-only, or when it is a page or a source of the site (a page, or a draft the site will
publish) rather than a draft kept apart.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from medlint.atomic import replace_file
from medlint.files import Boundary, read_regular
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
    pieces, kept_to = [], len(text)  # joined once: one splice per edit would copy the file per edit
    for start, end, content in spans:
        pieces += [text[end:kept_to], content.replace("\n", newline)]
        kept_to = start
    pieces.append(text[:kept_to])
    return bom + "".join(reversed(pieces)).encode("utf-8")


def unified_diff(name: str, before: bytes, after: bytes) -> str:
    r"""A unified diff of one file that ``patch -p0`` and ``git apply -p0`` apply: a line ends at
    ``\n`` only (a lone ``\r`` is a byte of its line, ``\r\n`` endings are kept), ``\ No newline
    at end of file`` where a last line has none, and a name that a patch could read otherwise
    (a newline, a quote, a byte that is not printable ASCII) quoted as git quotes it."""
    old = _patch_lines(before.decode("utf-8"))
    new = _patch_lines(after.decode("utf-8"))
    label = patch_name(name)
    out = []
    for line in difflib.unified_diff(old, new, fromfile=label, tofile=label, lineterm="\n"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _patch_lines(text: str) -> list[str]:
    r"""Lines as a patch counts them: each ends at ``\n``; the last may have no end."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


_PLAIN_NAME = re.compile(r"^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$")


def patch_name(name: str) -> str:
    """A file name for a diff header: as it is when plain printable ASCII (no quote, no
    backslash), else in double quotes with C escapes and octal bytes, as git writes it (and GNU
    patch and git apply read it)."""
    if _PLAIN_NAME.match(name) and '"' not in name and "\\" not in name:
        return name
    escapes = {ord("\n"): "\\n", ord("\t"): "\\t", ord('"'): '\\"', ord("\\"): "\\\\"}
    out = []
    for byte in name.encode("utf-8", "surrogateescape"):
        if byte in escapes:
            out.append(escapes[byte])
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


MAX_FIXED_FILE = 100_000_000
"""Bytes: a draft this large was refused when read (``max_file_size``); the bound is for safety."""


def read_bytes(path: str) -> bytes:
    """The file's bytes again, opened as a regular file only (never a pipe put in its place)."""
    return read_regular(path, MAX_FIXED_FILE)


def write_fixed(path: str, data: bytes) -> None:
    """Replace the file's content, keeping what the file is: a temporary file in the same folder
    with the file's mode, owner and group, renamed over it; a file with more than one hard link
    (or whose owner cannot be kept) is written in place instead, so every name keeps seeing it."""
    status = os.lstat(path)
    if status.st_nlink > 1:
        _write_in_place(path, data)
        return
    if not replace_file(path, lambda out: out.write(data), suffix=".tmp", prepare=partial(_same_as, status)):
        _write_in_place(path, data)  # only the file itself keeps its owner


def _same_as(status: os.stat_result, file: str) -> bool:
    """The temporary ``file`` given the mode, owner and group of the file it replaces (False: the
    owner cannot be kept)."""
    os.chmod(file, stat.S_IMODE(status.st_mode))
    if hasattr(os, "chown") and (status.st_uid, status.st_gid) != _owner(file):
        try:
            os.chown(file, status.st_uid, status.st_gid)
        except PermissionError:
            return False
    return True


def _owner(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_uid, status.st_gid


def _write_in_place(path: str, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "wb") as out:
        out.truncate(0)
        out.write(data)


def unwritable(path: str, boundary: Boundary | None = None, write: bool = True) -> str | None:
    """Why a fix may not write (or, ``write`` false, show a diff of) ``path``: a symbolic link, not
    a regular file, outside the project; and to write it, read-only for its owner, or in a folder
    that refuses."""
    try:
        status = os.lstat(path)
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISLNK(status.st_mode):
        return "a symbolic link (its target is not written)"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    if boundary is not None and not boundary.contains(path):
        return "outside the project"
    if not write:
        return None
    if not status.st_mode & stat.S_IWUSR:
        return f"the file is read-only (mode {stat.S_IMODE(status.st_mode):04o})"
    if not os.access(os.path.dirname(os.path.abspath(path)) or ".", os.W_OK):
        return "its folder cannot be written"
    return None


@dataclass
class FixOutcome:
    """What fixing a run did (or, for ``--diff``, would do)."""

    #: unified diffs of the files that change, in path order
    diff: str = ""
    #: files that change
    files: int = 0
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
    boundary: Boundary | None = None,
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
        reason = unwritable(path, boundary, write)
        if reason is None and write:
            try:
                write_fixed(path, after)
            except OSError as exc:
                reason = exc.strerror or str(exc)
        if reason is not None:
            outcome.refused.append(_refusal(path, reason, refusal_severity))
            continue
        outcome.diff += unified_diff(namer(path), before, after)
        outcome.fixed += len(plan.findings)
        outcome.files += 1
    return outcome


def _refusal(path: str, reason: object, severity: Severity) -> Finding:
    from medlint.rules.files import UNREADABLE_FILE

    if isinstance(reason, OSError):
        reason = reason.strerror or str(reason)
    message = f"Not fixed: {reason}"
    return Finding(path, 1, 1, 1, 1, UNREADABLE_FILE.code, UNREADABLE_FILE.name, severity, message)

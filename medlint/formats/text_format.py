"""``--format text`` (the default): ``path:line:col: CODE [severity] message``.

On a terminal the findings are grouped by file, colored, and shown with the source line and a
caret; piped, they are plain lines. Duplicate findings show their best matching passages side by
side (the draft's on the left, the other page's on the right).
"""

from __future__ import annotations

import textwrap
from itertools import groupby

from medlint.findings import Applicability, Finding, Related, Severity
from medlint.formats import Summary, printable

_COLOR = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
COLUMN = 44
"""Width of each side of the side-by-side passages: two columns fit 80-column terminals."""


def _paint(text: str, code: str, on: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if on else text


def render(findings: list[Finding], summary: Summary) -> str:
    out: list[str] = []
    color = summary.color
    for _, group in groupby(findings, key=lambda finding: finding.path):
        for finding in group:
            out.extend(describe(finding, color, _fixable(finding, summary.unsafe_fixes)))
        if color:
            out.append("")
    if not summary.quiet:
        out.append(_summary(findings, summary))
    return "".join(line + "\n" for line in out)


def describe(finding: Finding, color: bool = False, fixable: bool = False) -> list[str]:
    """One named finding's lines: where and what (``[*]`` when ``--fix`` would fix it, as ruff
    marks it), then (colored) its source line with a caret, then the passages it repeats."""
    severity = _paint(f"[{finding.severity.value}]", _COLOR[finding.severity], color)
    where = _paint(f"{printable(finding.path)}:{finding.line}:{finding.column}:", "1", color)
    mark = " [*]" if fixable else ""
    out = [f"{where} {_paint(finding.code, '1', color)} {severity}{mark} {printable(finding.text)}"]
    if color and finding.source is not None:
        out.extend(_quote(finding, finding.source, color))
    for related in finding.related:
        out.extend("    " + line for line in side_by_side(related))
    return out


def _quote(finding: Finding, source: str, color: bool) -> list[str]:
    """The finding's source line (escaped) with a caret under the span."""
    line = source.expandtabs(1)
    end = finding.end_column if finding.end_line == finding.line else len(line) + 1
    before, span = printable(line[: finding.column - 1]), printable(line[finding.column - 1 : end - 1])
    return [
        _paint(f"  {finding.line:>4} | ", "2", color) + printable(line)[:160],
        _paint("       | ", "2", color)
        + " " * len(before)
        + _paint("^" * min(max(len(span), 1), 80), _COLOR[finding.severity], color),
    ]


def side_by_side(related: Related) -> list[str]:
    """The ``excerpt`` best passages of a related page as two columns: the draft's, and the page's."""
    out = []
    for pair in related.passages[: related.excerpt]:
        head_left = f"draft:{pair.draft.line}-{pair.draft.end_line}"
        head_right = f"{printable(related.path)}:{pair.page.line}-{pair.page.end_line} ({pair.score:.0%})"
        out.append(f"{head_left:<{COLUMN}} | {head_right}")
        left = textwrap.wrap(printable(pair.draft.text), COLUMN)[:2]
        right = textwrap.wrap(printable(pair.page.text), COLUMN)[:2]
        for a, b in zip(left + [""] * 2, right + [""] * 2, strict=False):
            if a or b:
                out.append(f"{a:<{COLUMN}} | {b}")
    return out


def _fixable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (unsafe or finding.fix.applicability is Applicability.SAFE)


def _summary(findings: list[Finding], summary: Summary) -> str:
    return _found(findings, summary) + _fix_hint(findings, summary)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _fix_hint(findings: list[Finding], summary: Summary) -> str:
    """ruff's hint: how many findings ``--fix`` (and ``--unsafe-fixes``) would fix."""
    safe = sum(1 for finding in findings if _fixable(finding, summary.unsafe_fixes))
    unsafe = sum(1 for finding in findings if finding.fix is not None) - safe
    if safe and unsafe:
        return f"\n[*] {safe} fixable with --fix ({unsafe} more with --fix --unsafe-fixes)."
    if safe:
        return f"\n[*] {safe} fixable with --fix."
    return f"\n{unsafe} fixable with --fix --unsafe-fixes." if unsafe else ""


def _found(findings: list[Finding], summary: Summary) -> str:
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    fixed = f"Fixed {_count(summary.fixed, 'problem')}" if summary.fixed else ""
    if not findings:
        return f"{fixed}; all checks pass now ({files} checked)." if fixed else f"All checks passed ({files} checked)."
    counts = {severity: sum(1 for f in findings if f.severity is severity) for severity in Severity}
    parts = [
        f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    with_findings = len({f.path for f in findings})
    where = f"({', '.join(parts)}) in {with_findings} of {files}."
    return f"{fixed}; {len(findings)} remain {where}" if fixed else f"Found {_count(len(findings), 'problem')} {where}"

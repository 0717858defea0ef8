"""``--format text`` (the default): ``path:line:col: CODE [severity] message``.

On a terminal the findings are grouped by file, colored, and shown with the source line and a
caret; piped, they are plain lines. Duplicate findings carry the matching passages side by side.
"""

from __future__ import annotations

from itertools import groupby

from medlint.findings import Finding, Severity
from medlint.formats import Summary

_COLOR = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if on else text


def render(findings: list[Finding], summary: Summary) -> str:
    out: list[str] = []
    color = summary.color
    for path, group in groupby(findings, key=lambda finding: finding.path):
        source = _lines(path) if color else []
        for finding in group:
            severity = _paint(f"[{finding.severity.value}]", _COLOR[finding.severity], color)
            where = _paint(f"{path}:{finding.line}:{finding.column}:", "1", color)
            out.append(f"{where} {_paint(finding.code, '1', color)} {severity} {finding.message}")
            if source and 0 < finding.line <= len(source):
                text = source[finding.line - 1].expandtabs(1)
                width = max(
                    (finding.end_column if finding.end_line == finding.line else len(text) + 1) - finding.column, 1
                )
                out.append(_paint(f"  {finding.line:>4} | ", "2", color) + text[:160])
                out.append(
                    _paint("       | ", "2", color)
                    + " " * (finding.column - 1)
                    + _paint("^" * min(width, 80), _COLOR[finding.severity], color)
                )
            if finding.explain:
                out.extend("    " + line for line in finding.explain.splitlines())
        if color:
            out.append("")
    if not summary.quiet:
        out.append(_summary(findings, summary))
    return "".join(line + "\n" for line in out)


def _summary(findings: list[Finding], summary: Summary) -> str:
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    if not findings:
        return f"All checks passed ({files} checked)."
    counts = {severity: sum(1 for f in findings if f.severity is severity) for severity in Severity}
    parts = [
        f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    with_findings = len({f.path for f in findings})
    return f"Found {len(findings)} problem{'s' if len(findings) != 1 else ''} ({', '.join(parts)}) in {with_findings} of {files}."


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return handle.read(2_000_000).splitlines()
    except OSError:
        return []

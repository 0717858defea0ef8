"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff."""

from __future__ import annotations

from medlint.findings import Finding, Severity
from medlint.formats import Summary, printable

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """A command's message, escaped as GitHub documents it (``%``, CR, LF), after every other
    control character is written out (:func:`~medlint.formats.printable`)."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: list[Finding], summary: Summary) -> str:
    lines = [
        f"::{_LEVEL[f.severity]} file={_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
        f"endColumn={f.end_column},title={_property(f.code)}::{_data(f'{f.code} {f.rule}: {f.text}')}"
        for f in findings
    ]
    return "".join(line + "\n" for line in lines)

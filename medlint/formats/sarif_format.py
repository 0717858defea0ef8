"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards; rule help comes from the docstrings."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from medlint import __version__
from medlint.findings import Finding, Fix, Related, Severity
from medlint.formats import Summary, valid_text

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A path as a SARIF ``uri``: percent-encoded, relative as given or a ``file://`` URI."""
    file = PurePath(path)
    if file.is_absolute():
        return "file://" + quote(file.as_posix().encode("utf-8", "surrogateescape"), safe="/")
    return quote(file.as_posix().encode("utf-8", "surrogateescape"), safe="/")


def _related_locations(related: list[Related]) -> list[dict[str, Any]]:
    """Each related place, then each matched passage of a related page, at its lines in that page,
    with the draft's side in the message."""
    found = [_location(item.path, item.line, item.end_line, item.label) for item in related]
    for item in related:
        for pair in item.passages:
            draft = pair.draft
            message = f"Repeats draft lines {draft.line}-{draft.end_line} ({pair.score:.0%} similar): {draft.text}"
            found.append(_location(item.path, pair.page.line, pair.page.end_line, message, pair.page.text))
    return found


def _location(path: str, line: int, end_line: int | None, message: str, snippet: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": line}
    if end_line is not None:
        region["endLine"] = end_line
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return {
        "message": {"text": message},
        "physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region},
    }


def _fix(path: str, fix: Fix) -> dict[str, Any]:
    """A SARIF ``fix``: each edit a replacement of a region (end column exclusive, as in SARIF)."""
    replacements = [
        {
            "deletedRegion": {
                "startLine": edit.line,
                "startColumn": edit.column,
                "endLine": edit.end_line,
                "endColumn": edit.end_column,
            },
            "insertedContent": {"text": edit.content},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": f"{fix.description} ({fix.applicability.value} fix)"},
        "artifactChanges": [{"artifactLocation": {"uri": _uri(path)}, "replacements": replacements}],
    }


def render(findings: list[Finding], summary: Summary) -> str:
    rules = {rule.code: rule for rule in summary.rules}
    index = {code: position for position, code in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for finding in findings:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.path)},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": finding.end_column,
                        },
                    }
                }
            ],
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        if finding.fix is not None:
            result["fixes"] = [_fix(finding.path, finding.fix)]
        if finding.related:
            result["relatedLocations"] = [
                {"id": number, **location} for number, location in enumerate(_related_locations(finding.related))
            ]
        results.append(result)
    driver = {
        "name": "medlint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/medlint/",
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.doc},
                "help": {"text": rule.doc},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            }
            for rule in rules.values()
        ],
    }
    log = {"version": "2.1.0", "$schema": SCHEMA, "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json.dumps(valid_text(log), indent=2, ensure_ascii=False) + "\n"

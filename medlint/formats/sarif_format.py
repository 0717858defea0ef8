"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards; rule help comes from the docstrings."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from medlint import __version__
from medlint.findings import Finding, Severity
from medlint.formats import Summary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return PurePath(path).as_posix()


def render(findings: list[Finding], summary: Summary) -> str:
    rules = {rule.code: rule for rule in summary.rules}
    index = {code: position for position, code in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for finding in findings:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
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
        related = [item for item in finding.related if "path" in item and "line" in item]
        if related:
            result["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(item["path"])},
                        "region": {"startLine": item["line"]},
                    },
                }
                for number, item in enumerate(related)
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
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

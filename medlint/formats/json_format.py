"""``--format json``: a JSON array, one object a finding, as SPEC.md fixes it."""

from __future__ import annotations

import json

from medlint.findings import Finding
from medlint.formats import Summary


def render(findings: list[Finding], summary: Summary) -> str:
    return json.dumps([finding.to_json() for finding in findings], indent=2, ensure_ascii=False) + "\n"

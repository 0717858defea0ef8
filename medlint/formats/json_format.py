"""``--format json``: a JSON array, one object a finding, as SPEC.md fixes it."""

from __future__ import annotations

import json
from typing import Any

from medlint.findings import Finding
from medlint.formats import Summary, portable_name, valid_text


def render(findings: list[Finding], summary: Summary) -> str:
    return json.dumps([_portable(finding.to_json()) for finding in findings], indent=2, ensure_ascii=False) + "\n"


def _portable(data: dict[str, Any]) -> dict[str, Any]:
    """A finding's paths percent-encoded where they are not UTF-8, and its text valid Unicode."""
    data["path"] = portable_name(data["path"])
    for related in data.get("related", []):
        related["path"] = portable_name(related["path"])
    return valid_text(data)  # type: ignore[no-any-return]

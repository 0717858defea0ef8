"""The Action's job summary: ``medlint check --format json`` findings (and ``medlint anchors
--format json``, when the site has pages) as Markdown for ``$GITHUB_STEP_SUMMARY``.

    python action/summary.py EXIT_CODE FINDINGS.json [ANCHORS.json]

A table of findings per draft, each draft's findings, the duplicates with the pages they repeat,
and the cross-post anchor profile. Every string from a file is escaped: a file name or link text
cannot add Markdown or HTML to the summary.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def cell(text: object) -> str:
    """``text`` as literal Markdown text, safe in a table cell: HTML characters as entities,
    Markdown punctuation escaped, line breaks as spaces."""
    plain = " ".join(str(text).split())
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", plain)


def _load(path: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def summary(code: int, findings: list[dict[str, Any]] | None, anchors: dict[str, Any] | None) -> str:
    lines = ["## medlint", ""]
    if findings is None:
        lines.append(f"medlint check could not run (exit code {code}): its message is in the step's log.")
        return "\n".join(lines) + "\n"
    if not findings:
        lines.append("No findings: every draft is ready.")
    else:
        by_file: dict[str, Counter[str]] = {}
        for finding in findings:
            by_file.setdefault(finding["path"], Counter())[finding["severity"]] += 1
        total = Counter(finding["severity"] for finding in findings)
        verdict = "fails" if code == 1 else "passes"
        lines.append(
            f"{len(findings)} findings in {len(by_file)} drafts: {total['error']} errors, "
            f"{total['warning']} warnings, {total['info']} info. The check {verdict}."
        )
        lines += ["", "| draft | errors | warnings | info |", "| --- | ---: | ---: | ---: |"]
        for path, counts in sorted(by_file.items()):
            lines.append(f"| {cell(path)} | {counts['error']} | {counts['warning']} | {counts['info']} |")
        for path in sorted(by_file):
            lines += ["", f"<details><summary>{cell(path)}</summary>", ""]
            for finding in (item for item in findings if item["path"] == path):
                where = f"{finding['line']}:{finding['column']}"
                lines.append(f"- {where} {finding['code']} ({finding['severity']}): {cell(finding['message'])}")
            lines += ["", "</details>"]
        duplicates = [finding for finding in findings if finding["code"] in ("ML301", "ML302", "ML303")]
        if duplicates:
            lines += ["", "### Duplicates", "", "| draft | repeats | similarity |", "| --- | --- | ---: |"]
            for finding in duplicates:
                for related in finding.get("related", []):
                    if "score" in related:
                        page = related.get("url") or related["path"]
                        score = f"{related['score']:.0%}"
                        lines.append(f"| {cell(finding['path'])} | {cell(page)} | {score} |")
    targets = (anchors or {}).get("targets") or []
    if targets:
        lines += ["", "### Links home across the cross-posts", "", "| page | links | most used text | share |"]
        lines.append("| --- | ---: | --- | ---: |")
        for target in targets:
            top = target["texts"][0] if target["texts"] else {"text": "", "share": 0, "overused": False}
            flag = " (overused)" if top["overused"] else ""
            lines.append(
                f"| {cell(target['url'])} | {target['links']} | {cell(top['text'])}{flag} | {top['share']:.0%} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    code = int(argv[0])
    findings = _load(argv[1])
    anchors = _load(argv[2]) if len(argv) > 2 else None
    sys.stdout.write(summary(code, findings if isinstance(findings, list) else None, anchors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""markdownlint's own MD059 and MD042 fixtures: every line they mark is reported by medlint."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import medlint, shared_or_skip


def _marked(path: Path, rule: str) -> set[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if "{" + rule + "}" in line}


def test_md059_lines_are_ml101_and_more(tmp_path: Path) -> None:
    fixture = shared_or_skip("peer", "markdownlint", "descriptive-link-text.md")
    shutil.copy(fixture, tmp_path / "fixture.md")
    run = medlint("check", "fixture.md", "--format", "json", "--select", "ML101,ML103", cwd=tmp_path)
    reported = {f["line"] for f in run.findings}
    assert _marked(fixture, "MD059") <= reported
    lines = fixture.read_text(encoding="utf-8").splitlines()
    learn_read = {n for n, line in enumerate(lines, 1) if re.match(r"\[(Learn|Read) more\]", line)}
    assert learn_read and learn_read <= set(run.at("ML101"))
    described = {n for n, line in enumerate(lines, 1) if line.startswith(("[Learn about", "[About", "[`link`]"))}
    assert described and not described & reported


def test_md042_lines_are_ml103_and_only_those(tmp_path: Path) -> None:
    fixture = shared_or_skip("peer", "markdownlint", "empty-links.md")
    shutil.copy(fixture, tmp_path / "fixture.md")
    run = medlint("check", "fixture.md", "--format", "json", "--select", "ML103", cwd=tmp_path)
    marked = {n for n, line in enumerate(fixture.read_text().splitlines(), 1) if "{MD042}" in line}
    assert set(run.at("ML103")) == marked

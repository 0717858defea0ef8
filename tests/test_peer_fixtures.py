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


# markdownlint's MD034 and MD045 fixtures are not in ../shared; these cases follow the rules'
# documentation (doc/md034.md, doc/md045.md): each line says whether markdownlint reports it.
MD034_CASES = """For more info, visit https://www.example.com/ today. {MD034}
A bare http://example.org/x in running text. {MD034}
Not a clickable link: `https://www.example.com` in a code span.
A link [with words](https://www.example.com/) is no bare URL.
[https://www.example.com] {medlint}
"""
# markdownlint leaves [https://...] alone because it could be a shortcut link defined elsewhere;
# medlint knows the definitions, and with none the brackets and the raw URL are what Medium shows.
MD045_CASES = """![](https://example.com/chart.png) {MD045}
<img src="https://example.com/a.png"> {MD045}
![A chart of build times](https://example.com/chart.png)
<img src="https://example.com/b.png" alt="A logo">
<img src="https://example.com/c.png" alt="">
<img src="https://example.com/d.png" aria-hidden="true">
"""


def _cases(tmp_path: Path, text: str, select: str) -> tuple[set[int], set[int]]:
    (tmp_path / "cases.md").write_text(text.replace("\n", "\n\n"))
    run = medlint("check", "cases.md", "--format", "json", "--select", select, cwd=tmp_path)
    lines = (tmp_path / "cases.md").read_text().splitlines()
    marked = {number for number, line in enumerate(lines, 1) if "{MD0" in line or "{medlint}" in line}
    return marked, {f["line"] for f in run.findings}


def test_md034_bare_urls_are_ml107(tmp_path: Path) -> None:
    marked, reported = _cases(tmp_path, MD034_CASES, "ML107")
    assert marked and reported == marked


def test_md045_images_without_alt_text_are_ml108_and_decorative_ones_are_not(tmp_path: Path) -> None:
    marked, reported = _cases(tmp_path, MD045_CASES, "ML108")
    assert marked and reported == marked

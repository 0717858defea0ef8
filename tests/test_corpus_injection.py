"""Problems planted in real posts are found at their line, and nothing else changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import medlint, shared_or_skip

POSTS = ["context.md", "gofmt.md", "errors-are-values.md", "pipelines.md"]
PLANTS = [
    ("ML101", "Details are [here](https://planted.example/effective)."),
    ("ML102", "See [https://planted.example/doc/](https://planted.example/doc/)."),
    ("ML103", "An [empty target]() slipped in."),
    ("ML205", "Read the [language specification](../ref/spec.md) first."),
]


@pytest.mark.parametrize("post", POSTS)
def test_planted_problems_found_at_their_line(post: str, tmp_path: Path) -> None:
    source = shared_or_skip("corpus", "go-blog", post)
    original = tmp_path / "original.md"
    shutil.copy(source, original)
    lines = original.read_text(encoding="utf-8").split("\n")
    # plant after the first blank line that follows a prose line, outside front matter and code
    body = next(n for n in range(1, len(lines)) if lines[n - 1] == "---" and n > 1) if lines[0] == "---" else 0
    blank = [n for n in range(body + 5, len(lines) - 1) if lines[n] == "" and lines[n - 1][:1].isalpha()]
    assert len(blank) >= len(PLANTS)
    planted = list(lines)
    expected: dict[str, int] = {}
    for offset, ((code, text), at) in enumerate(zip(PLANTS, blank[: len(PLANTS)], strict=True)):
        position = at + 2 * offset  # each insertion shifts the later ones by two lines
        planted[position:position] = ["", text]
        expected[code] = position + 2
    (tmp_path / "planted.md").write_text("\n".join(planted), encoding="utf-8")

    before = medlint("check", "original.md", "--format", "json", "--site-url", "https://go.dev/", cwd=tmp_path).findings
    after = medlint("check", "planted.md", "--format", "json", "--site-url", "https://go.dev/", cwd=tmp_path).findings
    for code, line in expected.items():
        assert line in [f["line"] for f in after if f["code"] == code], (code, line)

    def shifted(line: int) -> int:  # where an original line sits in the planted file
        return line + 2 * sum(1 for at in blank[: len(PLANTS)] if at <= line - 1)

    planted_lines = set(expected.values())
    kept = sorted((f["code"], f["line"], f["column"]) for f in after if f["line"] not in planted_lines)
    moved = sorted((f["code"], shifted(f["line"]), f["column"]) for f in before)
    assert kept == moved

"""Hostile input: bad files get one clear finding each, the run goes on, and nothing on disk changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import Run, medlint

GOOD_ONE = """---
title: Writing link text that survives syndication
tags: [writing]
---

# Writing link text that survives syndication

Most readers skim, so the words inside a link carry more weight than the words around it.
For the background, [click here](https://medlint.example.com/anchor-text/) and come back.
The [style guide](docs/style.md) is on the site, which Medium cannot follow.
"""

GOOD_TWO = """---
title: A short note on headings
---

# A short note on headings

Medium keeps two levels of heading, so plan the outline with that in mind.

#### A fourth-level heading

See <https://medlint.example.com/headings/> for the full version.
"""

BROKEN_YAML = """---
title: Front matter with a mistake
tags: [unclosed
---

# Front matter with a mistake

The body is still checked: [here](https://medlint.example.com/) is a generic anchor.
"""

BROKEN_TOML = """+++
title = "TOML front matter"
tags = ["one",
+++

# TOML front matter

A paragraph without links.
"""


def _tree(root: Path) -> dict[str, tuple[bytes | str, int, int]]:
    """Every entry under ``root`` (symbolic links not followed): content or link target, mode, mtime."""
    entries: dict[str, tuple[bytes | str, int, int]] = {}
    for current, folders, files in os.walk(root, followlinks=False):
        for name in folders + files:
            path = Path(current, name)
            status = path.lstat()
            if path.is_symlink():
                content: bytes | str = os.readlink(path)
            elif path.is_file() and os.access(path, os.R_OK):
                content = path.read_bytes()
            else:
                content = ""
            entries[str(path.relative_to(root))] = (content, status.st_mode, status.st_mtime_ns)
    return entries


def _hostile_folder(drafts: Path) -> None:
    drafts.mkdir()
    (drafts / "good-one.md").write_text(GOOD_ONE, encoding="utf-8")
    (drafts / "good-two.md").write_text(GOOD_TWO, encoding="utf-8")
    (drafts / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (drafts / "latin-1.md").write_bytes("# Café\n\nUn résumé écrit en Latin-1.\n".encode("latin-1"))
    (drafts / "nul-byte.md").write_text("# Title\n\nText\n\nmore\x00text\n", encoding="utf-8")
    (drafts / "too-large.md").write_text(
        "".join(f"See [page {n}](https://example.com/{n}) now.\n" for n in range(100_000)), encoding="utf-8"
    )
    (drafts / "broken-yaml.md").write_text(BROKEN_YAML, encoding="utf-8")
    (drafts / "broken-toml.md").write_text(BROKEN_TOML, encoding="utf-8")
    # pathological but legal Markdown: each must finish quickly and report only ordinary findings
    (drafts / "deep-quote.md").write_text(">" * 20_000 + " deep\n", encoding="utf-8")
    (drafts / "deep-list.md").write_text("- " * 20_000 + "deep\n", encoding="utf-8")
    (drafts / "brackets.md").write_text("[" * 30_000 + "\n\n" + "](" * 30_000 + "\n", encoding="utf-8")
    (drafts / "long-line.md").write_text("# Long\n\n" + "word " * 150_000 + "\n", encoding="utf-8")
    # folders and links that a walker must survive
    (drafts / "vanished.md").symlink_to(drafts / "nowhere.md")
    (drafts / "loop-a.md").symlink_to(drafts / "loop-b.md")
    (drafts / "loop-b.md").symlink_to(drafts / "loop-a.md")
    (drafts / "self").symlink_to(drafts, target_is_directory=True)
    os.mkfifo(drafts / "pipe.md")
    for hidden in (".git", ".obsidian", "node_modules"):
        (drafts / hidden).mkdir()
        (drafts / hidden / "note.md").write_text("[here](https://a.example)\n", encoding="utf-8")
    (drafts / ".hidden.md").write_text("[here](https://a.example)\n", encoding="utf-8")
    (drafts / "notes.txt").write_text("[here](https://a.example)\n", encoding="utf-8")
    (drafts / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")


def _by_file(run: Run) -> dict[str, list[tuple[int, int, str, str]]]:
    found: dict[str, list[tuple[int, int, str, str]]] = {}
    for finding in run.findings:
        key = Path(finding["path"]).name
        found.setdefault(key, []).append((finding["line"], finding["column"], finding["code"], finding["message"]))
    return found


def test_hostile_folder_is_checked_in_one_run_and_left_untouched(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    _hostile_folder(drafts)
    before = _tree(drafts)
    cache = tmp_path / "cache"

    run = medlint(
        "check", "drafts", "drafts/good-one.md", "drafts/./good-one.md", "--format", "json",
        cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)},
    )  # fmt: skip

    # stderr holds one line only: the note that there is no site to compare with
    assert run.code == 1 and run.err.startswith("medlint: no site to compare") and run.err.count("\n") == 1, run.err
    found = _by_file(run)

    def only(name: str, code: str, *reason: str) -> None:
        assert [finding[2] for finding in found[name]] == [code], found[name]
        message = found[name][0][3]
        assert all(part in message for part in reason), message

    only("binary.md", "ML901", "NUL byte on line 3", "binary")
    only("latin-1.md", "ML901", "not valid UTF-8", "0xe9", "line 1")
    only("nul-byte.md", "ML901", "NUL byte on line 5")
    only("too-large.md", "ML901", "over the 1,000,000-byte limit", "max_file_size")
    only("vanished.md", "ML901", "file not found")
    only("loop-a.md", "ML901", "symbolic links")
    only("loop-b.md", "ML901", "symbolic links")
    only("pipe.md", "ML901", "not a regular file")
    # the body under broken front matter is still checked
    assert [finding[:3] for finding in found["broken-yaml.md"]] == [(3, 1, "ML902"), (8, 28, "ML101")]
    assert [finding[:3] for finding in found["broken-toml.md"]] == [(3, 1, "ML902")]
    # pathological Markdown is parsed, not rejected
    for name in ("deep-quote.md", "deep-list.md", "brackets.md", "long-line.md"):
        assert all(not code.startswith("ML9") for _, _, code, _ in found.get(name, [])), found[name]
    # skipped: hidden folders, .git, node_modules, hidden files, non-Markdown files, the symlinked folder
    assert not any("note.md" in key or key in (".hidden.md", "notes.txt", "cover.png") for key in found)
    assert all("/self/" not in finding["path"] for finding in run.findings)
    # a path given three ways is checked once
    assert len([f for f in run.findings if f["path"].endswith("good-one.md")]) == len(found["good-one.md"])

    # the good files' findings are exactly what they get alone
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in ("good-one.md", "good-two.md"):
        shutil.copy2(drafts / name, alone / name)
    alone_run = medlint("check", "alone", "--format", "json", cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)})
    expected = _by_file(alone_run)
    assert expected["good-one.md"] and expected["good-two.md"]
    assert {name: found[name] for name in expected} == expected

    # nothing written, renamed or touched in the checked folder
    assert _tree(drafts) == before


def test_text_output_names_each_bad_file_and_its_reason(tmp_path: Path) -> None:
    (tmp_path / "latin-1.md").write_bytes("# Café\n".encode("latin-1"))
    (tmp_path / "fine.md").write_text("# Fine\n\nA [clear link](https://a.example/guide) here.\n")
    run = medlint("check", ".", cwd=tmp_path)
    assert run.code == 1 and "Traceback" not in run.err
    assert "latin-1.md:1:1: ML901 [error] Cannot read: not valid UTF-8 (byte 0xe9 on line 1)" in run.out
    assert "fine.md" not in run.out


@pytest.mark.machine_dependent
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file and folder, so permissions cannot deny it")
def test_permission_denied_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "locked.md").write_text("# Locked\n")
    (tmp_path / "locked.md").chmod(0)
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "inside.md").write_text("# Inside\n")
    (tmp_path / "closed").chmod(0)
    try:
        run = medlint("check", ".", "--format", "json", cwd=tmp_path)
    finally:
        (tmp_path / "closed").chmod(0o755)
        (tmp_path / "locked.md").chmod(0o644)
    messages = {Path(f["path"]).name: f["message"] for f in run.findings if f["code"] == "ML901"}
    assert "permission denied" in messages["locked.md"]
    assert "cannot list folder" in messages["closed"]


def test_permission_denied_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission errors as a non-root user would see them (simulated: CI runs as root)."""
    from medlint.document import read_document
    from medlint.files import collect

    page = tmp_path / "locked.md"
    page.write_text("# Locked\n")
    (tmp_path / "closed").mkdir()
    real_open, real_scandir = os.open, os.scandir

    def denying_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == str(page):
            raise PermissionError(13, "Permission denied", str(page))
        return real_open(file, *args, **kwargs)

    def denying_scandir(path="."):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", denying_open)
    monkeypatch.setattr(os, "scandir", denying_scandir)
    assert read_document(page).read_error == "permission denied"
    errors = [(Path(t.file).name, t.error) for t in collect([str(tmp_path)]) if t.error]
    assert errors == [("closed", "cannot list folder: Permission denied")]


def test_unusable_cache_folder_costs_speed_not_results(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    page = " ".join(f"word{n} sentence about drafts and pages number {n % 17}." for n in range(120))
    (site / "page.md").write_text(f"# A page\n\n{page}\n")
    (tmp_path / "draft.md").write_text(f"# A draft\n\n{page}\n")
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("in the way")
    runs = [
        medlint("check", "draft.md", "--site", "site", "--format", "json", cwd=tmp_path, env={"MEDLINT_CACHE_DIR": c})
        for c in (str(not_a_folder), str(tmp_path / "cache"))
    ]
    assert runs[0].code == runs[1].code == 1
    assert runs[0].findings == runs[1].findings and "ML301" in runs[0].codes()
    assert not_a_folder.read_text() == "in the way"


def test_internal_error_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug inside medlint (simulated: none is known) must not print a traceback."""
    from medlint import cli, session

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(session, "lint", broken)
    monkeypatch.delenv("MEDLINT_DEBUG", raising=False)
    assert cli.main(["check", str(Path(__file__)), "--select", "ML1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: boom" in err and "report it" in err

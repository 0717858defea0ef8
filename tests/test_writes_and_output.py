"""Untrusted input, round two: a diff that stays a valid patch whatever the file names and bytes,
fixes that write only where they should and keep what the file is, machine output valid for
names that are not UTF-8, a preview whose scripts and links cannot be steered, a cache key that
repairs itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import medlint, require_tool

DRAFT = "# A draft\n\nRead [the guide](docs/guide.md).\n"
HOSTILE_NAME = "z.md\n--- victim.txt\n+++ victim.txt\n@@ -1 +1 @@\n-victim\n+owned\nx.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nThe guide.\n")
    (tmp_path / "drafts").mkdir()
    return tmp_path


def _apply(project: Path, patch: str, tool: list[str]) -> Path:
    """A copy of the project with ``patch`` applied by ``tool`` (run in the copy)."""
    copy = project.parent / f"{project.name}-{tool[0]}"
    shutil.copytree(project, copy, symlinks=True)
    if tool[0] == "git":
        subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    done = subprocess.run(tool, cwd=copy, input=patch.encode("utf-8", "surrogateescape"), capture_output=True)
    assert done.returncode == 0, done.stderr
    return copy


def test_a_diff_is_a_valid_patch_whatever_the_names_and_line_ends(project: Path) -> None:
    require_tool("patch", "Debian package patch")
    require_tool("git", "Debian package git")
    (project / "victim.txt").write_text("victim\n")
    (project / "drafts" / HOSTILE_NAME).write_text(DRAFT.replace("docs/", "../docs/"))
    (project / "drafts" / "cr.md").write_bytes(b"# CR\n\none\rstill one [the guide](../docs/guide.md)\r\nend\n")
    run = medlint("check", "drafts", "--diff", cwd=project)
    assert "would fix 2 problems in 2 files" in run.err  # no phantom file from the name
    for tool in (["patch", "-p0"], ["git", "apply", "-p0", "-"]):
        copy = _apply(project, run.out, tool)
        assert (copy / "victim.txt").read_text() == "victim\n"
        assert "https://s.example/guide/" in (copy / "drafts" / HOSTILE_NAME).read_text()
        assert (copy / "drafts" / "cr.md").read_bytes() == (
            b"# CR\n\none\rstill one [the guide](https://s.example/guide/)\r\nend\n"
        )


#: every line ending a draft may have: each line of the draft ends with the next one in turn
ENDINGS = {
    "lf": ["\n"],
    "crlf": ["\r\n"],
    "cr": ["\r"],
    "mixed": ["\n", "\r\n", "\r", "\r\n", "\n", "\r"],
    "cr-before-lf-lines": ["\r", "\n", "\n", "\r"],
}
ENDED_LINES = [
    "---", "title: Endings", "---", "# Endings", "", "Read [the guide](../docs/guide.md) first.", "\r plain words",
    "", "Then [the guide again](../docs/guide.md#top) and [old](http://example.org/x).", "", "the end",
]  # fmt: skip


@pytest.mark.parametrize("last", ["ended", "unended"])
@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_every_patch_applies_byte_for_byte_for_every_line_ending(ending: str, last: str, project: Path) -> None:
    """``--diff`` (safe and unsafe fixes) applied by ``git apply -p0`` and by ``patch -p0`` gives
    the bytes ``--fix`` writes, whatever the line endings and whether the last line has one."""
    require_tool("patch", "Debian package patch")
    require_tool("git", "Debian package git")
    endings = ENDINGS[ending]
    text = "".join(line + endings[number % len(endings)] for number, line in enumerate(ENDED_LINES))
    if last == "unended":
        text = text.rstrip("\r\n")
    draft = project / "drafts" / "endings.md"
    draft.write_bytes(text.encode("utf-8"))
    diff = medlint("check", "drafts", "--diff", "--unsafe-fixes", cwd=project)
    assert "would fix 2 problems in 1 file" in diff.err, diff.err  # the link home; http to https
    fixed_copy = project.parent / f"{project.name}-fixed"
    shutil.copytree(project, fixed_copy)
    medlint("check", "drafts", "--fix", "--unsafe-fixes", cwd=fixed_copy)
    fixed = (fixed_copy / "drafts" / "endings.md").read_bytes()
    assert fixed != text.encode("utf-8") and b"https://s.example/guide/" in fixed
    for tool in (["patch", "-p0"], ["git", "apply", "-p0", "-"]):
        copy = _apply(project, diff.out, tool)
        assert (copy / "drafts" / "endings.md").read_bytes() == fixed, tool[0]
        shutil.rmtree(copy)


def test_fix_never_writes_through_a_symbolic_link(project: Path) -> None:
    with (project / "mkdocs.yml").open("a") as settings_file:
        settings_file.write("# Read [the guide](../docs/guide.md) first.\n")  # fixable, through the link
    (project / "drafts" / "settings.md").symlink_to(project / "mkdocs.yml")
    (project / "drafts" / "real.md").write_text(DRAFT.replace("docs/", "../docs/"))
    settings = (project / "mkdocs.yml").read_bytes()
    run = medlint("check", "drafts", "--fix", "--format", "json", cwd=project)
    assert (project / "mkdocs.yml").read_bytes() == settings
    assert "https://s.example/guide/" in (project / "drafts" / "real.md").read_text()
    refused = [f["message"] for f in run.findings if f["path"] == "drafts/settings.md" and f["code"] == "ML901"]
    assert refused and "symbolic link" in refused[0]


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="keeping another user's ownership needs root")
def test_fix_keeps_the_owner_the_group_the_mode_and_hard_links(project: Path) -> None:
    draft = project / "drafts" / "post.md"
    draft.write_text(DRAFT.replace("docs/", "../docs/"))
    os.chown(draft, 4321, 4322)
    draft.chmod(0o640)
    linked = project / "drafts" / "post-link.md"
    os.link(draft, linked)
    inode = draft.stat().st_ino
    medlint("check", "drafts/post.md", "--fix", cwd=project)
    status = draft.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (4321, 4322, 0o640)
    assert status.st_ino == inode and "https://s.example/guide/" in linked.read_text()  # both names see it
    single = project / "drafts" / "single.md"
    single.write_text(DRAFT.replace("docs/", "../docs/"))
    os.chown(single, 4321, 4322)
    medlint("check", "drafts/single.md", "--fix", cwd=project)
    assert (single.stat().st_uid, single.stat().st_gid) == (4321, 4322)
    assert "https://s.example/guide/" in single.read_text()


def test_names_that_are_not_utf8_stay_valid_in_json_and_sarif(project: Path) -> None:
    raw = os.fsencode(project / "drafts") + b"/caf\xe9.md"
    with open(raw, "wb") as out:
        out.write(b"# T\n\nGo [here](https://s.example/).\n")
    json_run = medlint("check", "drafts", "--format", "json", cwd=project)
    sarif_run = medlint("check", "drafts", "--format", "sarif", cwd=project)
    for run in (json_run, sarif_run):
        assert run.code == 1
        json.loads(run.out.encode("utf-8").decode("utf-8"))  # valid UTF-8, valid JSON
    assert {f["path"] for f in json_run.findings} == {"drafts/caf%E9.md"}
    assert '"uri": "drafts/caf%E9.md"' in sarif_run.out


def test_the_preview_runs_only_its_own_script_and_links_only_web_addresses(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('baseURL = "javascript://x/%0aalert(document.domain)//"\n')
    (tmp_path / "content").mkdir()
    prose = " ".join(f"Sentence {n} of a page that a draft repeats word for word here." for n in range(30))
    (tmp_path / "content" / "page.md").write_text("---\ntitle: Page\n---\n\n" + prose + "\n")
    (tmp_path / "draft.md").write_text("---\ntitle: Copy\n---\n\n" + prose + "\n")
    run = medlint("preview", "draft.md", "-o", tmp_path / "p.html", cwd=tmp_path)
    page = (tmp_path / "p.html").read_text()
    assert run.code == 0 and "is not an http(s) URL; it is not used" in run.err
    assert "javascript:" not in page.lower()
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None and "unsafe-inline" not in policy.group(1).split("script-src", 1)[1]
    nonce = re.search(r"script-src 'nonce-([^']+)'", policy.group(1))
    assert nonce is not None and page.count("<script") == page.count(f'<script nonce="{nonce.group(1)}">') == 1


def test_an_empty_cache_key_is_replaced_with_a_notice(project: Path) -> None:
    cache = project / ".cache"
    cache.mkdir(mode=0o700)
    (cache / "key").write_bytes(b"")
    (cache / "key").chmod(0o600)
    (project / "drafts" / "post.md").write_text(DRAFT.replace("docs/", "../docs/"))
    run = medlint("check", "drafts", cwd=project, env={"MEDLINT_CACHE_DIR": str(cache)})
    assert "replaced the page cache's key" in run.err and len((cache / "key").read_bytes()) == 32
    again = medlint("check", "drafts", cwd=project, env={"MEDLINT_CACHE_DIR": str(cache)})
    assert "cache" not in again.err and list(cache.glob("site-*.idx"))

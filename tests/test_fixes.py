"""``medlint check --fix``, ``--unsafe-fixes`` and ``--diff`` on real posts with injected links.

The posts come from ``../shared/corpus`` (the Go blog): two become pages of an MkDocs site, one is
the draft, with relative links, images and reference definitions injected where a writer would
put them. Every test checks the bytes: outside the fixed spans, nothing changes.
"""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import medlint, require_tool, shared_or_skip

SITE_URL = "https://blog.example.com/"
INJECTED = """

Before you start, read [the first post](../docs/posts/first.md) and
[its history section](../docs/posts/first.md#history), then [the missing one](../docs/posts/missing.md)
and [a section that does not exist](../docs/posts/first.md#no-such-heading).

![A diagram](../docs/img/diagram.png) and ![a lost image](img/lost.png).

See [the second post][second] for details, and [the first][shared] and [again][shared].
The [old spec](http://www.example.org/spec) is still online.

[second]: ../docs/posts/second.md
[shared]: ../docs/posts/first.md
"""


def _post(name: str) -> str:
    return (shared_or_skip("corpus", "go-blog") / name).read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An MkDocs site of two real posts (one with a ``## History`` heading) and an image, and a
    drafts folder holding a third real post with the injected links."""
    posts = tmp_path / "docs" / "posts"
    posts.mkdir(parents=True)
    (posts / "first.md").write_text(_post("10years.md") + "\n## History\n\nHow it began.\n", encoding="utf-8")
    (posts / "second.md").write_text(_post("11years.md"), encoding="utf-8")
    (tmp_path / "docs" / "img").mkdir()
    (tmp_path / "docs" / "img" / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Blog\nsite_url: {SITE_URL}\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(_post("12years.md") + INJECTED, encoding="utf-8")
    return tmp_path


FIXED = {  # destination as written -> as fixed (safe fixes)
    "](../docs/posts/first.md)": f"]({SITE_URL}posts/first/)",
    "](../docs/posts/first.md#history)": f"]({SITE_URL}posts/first/#history)",
    "](../docs/img/diagram.png)": f"]({SITE_URL}img/diagram.png)",
    "[second]: ../docs/posts/second.md": f"[second]: {SITE_URL}posts/second/",
}


def _expected_after_safe_fixes(text: str) -> str:
    for before, after in FIXED.items():
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


def test_safe_fixes_change_only_their_spans_and_leave_what_is_ambiguous(project: Path) -> None:
    draft = project / "drafts" / "post.md"
    before = draft.read_text(encoding="utf-8")
    run = medlint("check", "--fix", "--format", "json", cwd=project)
    assert draft.read_text(encoding="utf-8") == _expected_after_safe_fixes(before)
    first_injected = len(_post("12years.md").split("\n"))  # the post's own links are not the point here
    remaining = [
        (f["code"], f["line"])
        for f in run.findings
        if f["code"] in ("ML205", "ML206", "ML208") and f["line"] >= first_injected
    ]
    text = draft.read_text(encoding="utf-8").split("\n")
    left = sorted((code, text[line - 1]) for code, line in remaining)
    assert [code for code, _ in left] == ["ML205", "ML205", "ML205", "ML205", "ML206", "ML208"]
    assert all("missing.md" in line or "no-such-heading" in line or "[shared]" in line for c, line in left[:4])
    assert "img/lost.png" in left[4][1] and "http://www.example.org/spec" in left[5][1]
    assert run.code == 1
    # a second --fix finds nothing more to do
    again = medlint("check", "--fix", cwd=project)
    assert draft.read_text(encoding="utf-8") == _expected_after_safe_fixes(before)
    assert "Fixed" not in again.out


def test_the_text_output_marks_fixable_findings_and_counts_them(project: Path) -> None:
    run = medlint("check", "drafts/post.md", cwd=project)
    fixable = [line for line in run.out.splitlines() if " [*] " in line]
    assert len(fixable) == 4 and all(" ML205 [error] [*] " in line or " ML206 [error] [*] " in line for line in fixable)
    assert run.out.rstrip().endswith("[*] 4 fixable with --fix (1 more with --fix --unsafe-fixes).")
    fixed = medlint("check", "drafts/post.md", "--fix", cwd=project)
    assert "\nFixed 4 problems; " in fixed.out and " remain (" in fixed.out
    assert fixed.out.rstrip().endswith("1 fixable with --fix --unsafe-fixes.")


def test_unsafe_fixes_add_https_and_the_canonical_url(project: Path) -> None:
    draft = project / "drafts" / "copy.md"
    copied = (project / "docs" / "posts" / "second.md").read_text(encoding="utf-8")
    draft.write_text(copied, encoding="utf-8")
    medlint("check", "drafts/copy.md", "--fix", cwd=project)
    assert draft.read_text(encoding="utf-8") == copied  # canonical_url is unsafe: not added by --fix
    run = medlint("check", "drafts/copy.md", "--fix", "--unsafe-fixes", "--format", "json", cwd=project)
    fixed = draft.read_text(encoding="utf-8")
    front, fence, body = fixed.partition("\n---\n")
    assert fence and front.endswith(f"\ncanonical_url: {SITE_URL}posts/second/")
    assert front.removesuffix(f"\ncanonical_url: {SITE_URL}posts/second/") + fence + body == copied
    assert "ML301" not in run.codes()
    post = project / "drafts" / "post.md"
    original = post.read_text(encoding="utf-8")
    medlint("check", "drafts/post.md", "--fix", "--unsafe-fixes", cwd=project)
    assert post.read_text(encoding="utf-8") == _expected_after_safe_fixes(original).replace(
        "(http://www.example.org/spec)", "(https://www.example.org/spec)"
    )


@pytest.mark.parametrize("front_matter", ["yaml", "toml", "none"])
def test_the_canonical_url_goes_into_the_files_own_front_matter(project: Path, front_matter: str) -> None:
    body = "\n".join((project / "docs" / "posts" / "second.md").read_text(encoding="utf-8").split("\n---\n", 1)[1:])
    head = {"yaml": "---\ntitle: A copy\n---\n", "toml": '+++\ntitle = "A copy"\n+++\n', "none": ""}[front_matter]
    draft = project / "drafts" / "copy.md"
    draft.write_text(head + body, encoding="utf-8")
    medlint("check", "drafts/copy.md", "--fix", "--unsafe-fixes", cwd=project)
    added = {
        "yaml": f"---\ntitle: A copy\ncanonical_url: {SITE_URL}posts/second/\n---\n",
        "toml": f'+++\ntitle = "A copy"\ncanonical_url = "{SITE_URL}posts/second/"\n+++\n',
        "none": f"---\ncanonical_url: {SITE_URL}posts/second/\n---\n",
    }[front_matter]
    assert draft.read_text(encoding="utf-8") == added + body
    assert "ML301" not in medlint("check", "drafts/copy.md", "--format", "json", cwd=project).codes()


def test_crlf_bom_trailing_spaces_and_no_final_newline_survive(project: Path) -> None:
    draft = project / "drafts" / "post.md"
    text = draft.read_text(encoding="utf-8").replace("\n", "  \r\n").rstrip("\r\n")
    raw = codecs.BOM_UTF8 + text.encode("utf-8")
    draft.write_bytes(raw)
    medlint("check", "--fix", "--unsafe-fixes", cwd=project)
    after = draft.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) and not after.endswith(b"\n")
    assert after.count(b"\r\n") == raw.count(b"\r\n") and b"\n" not in after.replace(b"\r\n", b"")
    expected = _expected_after_safe_fixes(text.replace("  \r\n", "\n")).replace("http://www.", "https://www.")
    assert after.decode("utf-8-sig") == expected.replace("\n", "  \r\n")


def test_the_diff_applies_with_patch_and_git_apply_and_gives_the_bytes_of_fix(project: Path) -> None:
    draft = project / "drafts" / "post.md"
    draft.write_bytes(draft.read_bytes().replace(b"\n", b"\r\n"))  # CRLF too
    original = draft.read_bytes()
    diff = medlint("check", "--diff", "--unsafe-fixes", cwd=project)
    assert diff.code == 1 and diff.out.startswith("--- drafts/post.md\n+++ drafts/post.md\n@@ ")
    assert draft.read_bytes() == original  # --diff writes nothing
    assert "would fix 5 problems in 1 file" in diff.err
    medlint("check", "--fix", "--unsafe-fixes", cwd=project)
    fixed = draft.read_bytes()
    for tool in ("patch", "git"):
        require_tool(tool, f"Debian package {tool}")
        draft.write_bytes(original)
        command = ["patch", "-p0", "--quiet"] if tool == "patch" else ["git", "apply", "-p0", "--unsafe-paths", "-"]
        done = subprocess.run(command, cwd=project, input=diff.out.encode("utf-8"), capture_output=True)
        assert done.returncode == 0, done.stderr
        assert draft.read_bytes() == fixed, tool
    assert medlint("check", "--diff", "--unsafe-fixes", cwd=project).out == ""
    assert medlint("check", "--diff", "--unsafe-fixes", cwd=project).code == 0


def test_a_read_only_draft_gets_one_finding_and_the_run_goes_on(project: Path) -> None:
    draft = project / "drafts" / "post.md"
    other = project / "drafts" / "other.md"
    other.write_text("# Other\n\nSee [the first post](../docs/posts/first.md) today.\n", encoding="utf-8")
    original = draft.read_bytes()
    draft.chmod(0o444)
    try:
        run = medlint("check", "--fix", "--format", "json", cwd=project)
    finally:
        draft.chmod(0o644)
    assert draft.read_bytes() == original
    refused = [f for f in run.findings if f["path"] == "drafts/post.md" and f["code"] == "ML901"]
    assert [f["message"] for f in refused] == ["Not fixed: the file is read-only (mode 0444)"]
    assert other.read_text(encoding="utf-8").endswith(f"[the first post]({SITE_URL}posts/first/) today.\n")
    assert stat.S_IMODE(other.stat().st_mode) == 0o644


def test_the_mode_of_a_fixed_file_is_kept(project: Path) -> None:
    draft = project / "drafts" / "post.md"
    draft.chmod(0o640)
    medlint("check", "--fix", cwd=project)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640 and "https://blog.example.com/posts/first/" in draft.read_text()
    assert not [path for path in (project / "drafts").iterdir() if path.name.startswith(".medlint-")]


def test_a_file_changed_on_disk_after_it_was_read_is_not_written(project: Path) -> None:
    from medlint.config import load_config
    from medlint.files import FileNamer
    from medlint.session import Session

    session = Session.open(load_config(project), use_cache=False)
    targets = session.targets([str(project / "drafts")])
    namer = FileNamer(targets)
    result = session.lint_targets(targets, namer)
    draft = project / "drafts" / "post.md"
    edited = draft.read_text(encoding="utf-8") + "\nA line the writer added meanwhile.\n"
    draft.write_text(edited, encoding="utf-8")
    outcome = session.fix(result, namer, unsafe=False, write=True)
    assert draft.read_text(encoding="utf-8") == edited
    assert outcome.fixed == 0
    assert [f.text for f in outcome.refused] == ["Not fixed: the file changed on disk after it was read"]


def test_site_pages_are_never_written(project: Path) -> None:
    page = project / "docs" / "posts" / "third.md"
    page.write_text("# Third\n\nSee [the first post](first.md) and [the spec](http://example.org/).\n")
    before = page.read_bytes()
    run = medlint("check", "docs/posts/third.md", "--fix", "--unsafe-fixes", "--format", "json", cwd=project)
    assert page.read_bytes() == before and {"ML205", "ML208"} <= run.codes()


def test_json_and_sarif_carry_the_fix(project: Path) -> None:
    import json

    findings = medlint("check", "drafts/post.md", "--format", "json", cwd=project).findings
    with_fix = [f for f in findings if "fix" in f]
    assert sorted(f["fix"]["applicability"] for f in with_fix) == ["safe"] * 4 + ["unsafe"]
    first = next(f for f in with_fix if f["code"] == "ML205")
    assert first["fix"]["edits"][0]["content"] == f"{SITE_URL}posts/first/"
    assert set(first["fix"]["edits"][0]) == {"line", "column", "end_line", "end_column", "content"}
    sarif = json.loads(medlint("check", "drafts/post.md", "--format", "sarif", cwd=project).out)
    fixes = [r["fixes"][0] for r in sarif["runs"][0]["results"] if "fixes" in r]
    assert len(fixes) == 5
    replacement = fixes[0]["artifactChanges"][0]["replacements"][0]
    assert set(replacement) == {"deletedRegion", "insertedContent"}


def test_fix_is_refused_on_an_unreadable_target_without_a_traceback(project: Path) -> None:
    os.mkfifo(project / "drafts" / "pipe.md")
    run = medlint("check", "--fix", cwd=project)
    assert run.code == 1 and "Traceback" not in run.err and "pipe.md:1:1: ML901" in run.out

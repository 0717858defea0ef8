"""The session every front end goes through: files or unsaved text give the same findings, a
long-lived session follows the site as it changes, notices reach the front end's callback, and
the generator is found by weighing evidence."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from medlint.config import load_config
from medlint.files import FileNamer
from medlint.generators import detect
from medlint.session import Session

DRAFT = (
    "---\ntitle: A draft\n---\n\n# A draft\n\nSee [here](https://s.example/guide/) and [the setup](../docs/setup.md).\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nThe home page.\n")
    (tmp_path / "docs" / "setup.md").write_text("# Setup\n\nHow to set it up.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(DRAFT)
    return tmp_path


def _session(project: Path, notices: list[str] | None = None) -> Session:
    config = load_config(project)
    session = Session.open(config, use_cache=False, notify=notices.append if notices is not None else None)
    session.root = project
    return session


def _positions(findings: list) -> list[tuple[str, int, int, str]]:  # type: ignore[type-arg]
    return [(f.code, f.line, f.column, f.text) for f in findings]


def test_unsaved_text_gives_the_findings_of_the_same_file_on_disk(project: Path) -> None:
    session = _session(project)
    draft = project / "drafts" / "post.md"
    on_disk = session.lint_paths([str(draft)]).findings
    assert {"ML101", "ML205", "ML209"} <= {f.code for f in on_disk}
    assert _positions(session.lint_text(draft, DRAFT).findings) == _positions(on_disk)
    edited = DRAFT.replace("[here]", "[the guide]")
    assert "ML101" not in {f.code for f in session.lint_text(draft, edited).findings}
    assert draft.read_text() == DRAFT  # the file on disk is neither read for the text nor written


def test_a_session_follows_the_site_when_told_what_changed(project: Path) -> None:
    session = _session(project)
    draft = project / "drafts" / "post.md"
    assert "ML209" in {f.code for f in session.lint_text(draft, DRAFT).findings}  # no guide/ yet
    guide = project / "docs" / "guide.md"
    guide.write_text("# Guide\n\nThe guide.\n")
    assert "ML209" in {f.code for f in session.lint_text(draft, DRAFT).findings}  # not told yet
    session.invalidate([guide])
    assert "ML209" not in {f.code for f in session.lint_text(draft, DRAFT).findings}
    session.invalidate([project / "elsewhere.txt"])  # a file that is not the site's changes nothing
    assert session.site is not None and session.site._table is not None


def test_a_preview_of_unsaved_text_shows_its_findings(project: Path) -> None:
    session = _session(project)
    page, result = session.preview(project / "drafts" / "post.md", DRAFT.replace("here", "over here"))
    assert "over here" in page and 'data-code="ML205"' in page
    assert [f.code for f in result.findings] == [f.code for f in result.findings if f.path.endswith("post.md")]


def test_fix_returns_its_outcome_and_writes_only_when_asked(project: Path) -> None:
    session = _session(project)
    targets = session.targets([str(project / "drafts")])
    namer = FileNamer(targets, project)
    result = session.lint_targets(targets, namer)
    shown = session.fix(result, namer, unsafe=False, write=False)
    assert "+See [here](https://s.example/guide/) and [the setup](https://s.example/setup/)." in shown.diff
    assert (project / "drafts" / "post.md").read_text() == DRAFT
    assert session.fix(result, namer, unsafe=False, write=True).fixed == 1
    assert "https://s.example/setup/" in (project / "drafts" / "post.md").read_text()


def test_notices_reach_the_callback_and_not_the_global_logger(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    outside = project.parent / f"{project.name}-outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n")
    os.symlink(outside / "secret.md", project / "docs" / "linked.md")
    notices: list[str] = []
    with caplog.at_level(logging.DEBUG, logger="medlint"):
        session = _session(project, notices)
        session.lint_paths([str(project / "drafts")])
    assert any("is a symbolic link to outside the project" in notice for notice in notices), notices
    assert not [record for record in caplog.records if record.name == "medlint"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"_config.yml": "url: https://j.example\n", "_posts/2024-01-01-a.md": "---\n---\n"}, "jekyll"),
        (
            {
                "_config.yml": "title: Hexo\n",
                "package.json": '{"dependencies": {"hexo": "^7"}}',
                "scaffolds/post.md": "",
            },
            "hexo",
        ),
        ({"config.toml": 'base_url = "https://z.example"\n', "content/a.md": ""}, "zola"),
        ({"config.toml": 'baseURL = "https://h.example/"\n', "content/a.md": ""}, "hugo"),
        ({"config.yaml": "title: x\n"}, "folder"),
        ({"config.yaml": "baseURL: https://h.example/\n", "content/a.md": ""}, "hugo"),
        ({"mkdocs.yml": "site_name: M\n", "zensical.toml": "[project]\n"}, "mkdocs"),
        ({"zensical.toml": "[project]\n"}, "zensical"),
    ],
    ids=[
        "jekyll",
        "hexo-not-jekyll",
        "zola",
        "hugo-config-toml",
        "lone-config-yaml",
        "hugo-yaml",
        "mkdocs",
        "zensical",
    ],
)
def test_the_generator_is_the_one_with_the_most_evidence(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert detect(tmp_path)[0].name == expected

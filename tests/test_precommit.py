"""The pre-commit hook, run for real: ``pre-commit try-repo <this checkout> medlint`` in a git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
PROSE = (
    "Our build turns every Markdown page into HTML, resolves links against the docs folder, and "
    "copies images beside the pages that use them, so a relative path works on the site itself. "
)
PAGE = (
    "# How the site is built\n\n"
    + "\n\n".join(PROSE + f"Step {n} of the tour repeats it once more." for n in range(6))
    + "\n"
)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PRE_COMMIT_HOME for the module: the hook's environment is built once."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "blog"
    (repo / "docs").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "mkdocs.yml").write_text("site_name: Blog\nsite_url: https://blog.example/\n")
    (repo / "docs" / "index.md").write_text("# Home\n\nWelcome to the blog.\n")
    (repo / "docs" / "building.md").write_text(PAGE)
    _git(repo, "init", "-q")
    _git(repo, "add", "mkdocs.yml", "docs")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "site")
    return repo


def try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "MEDLINT_CACHE_DIR": str(repo.parent / "cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(ROOT), "medlint", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def stage(repo: Path, name: str, text: str) -> None:
    (repo / "drafts" / name).write_text(text)
    _git(repo, "add", f"drafts/{name}")


def test_clean_draft_passes(repo: Path, home: Path) -> None:
    stage(
        repo,
        "clean.md",
        "---\ntitle: Notes on links\n---\n\n# Notes on links\n\n"
        "Read [how the site is built](https://blog.example/building/) first.\n",
    )
    done = try_repo(repo, home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_duplicate_of_an_unstaged_page_fails(repo: Path, home: Path) -> None:
    stage(repo, "copy.md", "---\ntitle: A new post\n---\n\n" + PAGE + "\nSee [the home page](https://blog.example/).\n")
    done = try_repo(repo, home)
    assert done.returncode == 1
    assert (
        "drafts/copy.md:7:1: ML301 [error] Draft repeats docs/building.md (https://blog.example/building/)"
        in done.stdout
    )


def test_generic_anchor_fails(repo: Path, home: Path) -> None:
    stage(
        repo,
        "generic.md",
        "---\ntitle: Short\n---\n\n# Short\n\nThe guide is [here](https://blog.example/building/).\n",
    )
    done = try_repo(repo, home)
    assert done.returncode == 1
    assert "drafts/generic.md:7:14: ML101 [error]" in done.stdout

"""The pre-commit hooks, run for real: one ``pre-commit try-repo <this checkout>`` (both hooks,
``medlint`` then ``medlint-fix``) in a git repository where seven drafts are staged (clean, a copy
of an unstaged page, a generic anchor, a relative link that the fixing hook makes absolute, a
cross-post of a blog post, an MDX draft, one whose link home repeats the text of four posts
already cross-posted). The repository is a Material blog whose ``mkdocs.yml`` tries to run
code (a hook, python YAML tags), and the hook's environment cannot import Material, as in a real
pre-commit environment where medlint is installed alone: no code runs, and the blog's URLs are
still the ones Material builds.

pre-commit builds the hook's environment from this checkout (the real ``.pre-commit-hooks.yaml``,
entry point and install). Its dependencies are found on ``PYTHONPATH``, pointing at the test
environment's, and it is built with the build tools found there (no build isolation, no index),
so pip installs nothing again."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import missing, record_tool, require_tool

ROOT = Path(__file__).resolve().parent.parent
PROSE = (
    "Our build turns every Markdown page into HTML, resolves links against the docs folder, and "
    "copies images beside the pages that use them, so a relative path works on the site itself. "
)
PAGE = (
    "# How the site is built\n\n"
    + "\n\n".join(PROSE + f"Step {n} of the tour repeats it once more." for n in range(6))
    + "\n"
)
DRAFTS = {
    "clean.md": "---\ntitle: Notes on links\n---\n\n# Notes on links\n\n"
    "Read [how the site is built](https://blog.example/building/) first.\n",
    "copy.md": "---\ntitle: A new post\n---\n\n" + PAGE + "\nSee [the home page](https://blog.example/).\n",
    "generic.md": "---\ntitle: Short\n---\n\n# Short\n\nThe guide is [here](https://blog.example/building/).\n",
    "relative.md": "---\ntitle: Relative\n---\n\n# Relative\n\nRead [how the site is built](../docs/building.md).\n",
}
DRAFTS["component.mdx"] = (
    "---\ntitle: Components\n---\n\nimport Tabs from '@theme/Tabs';\n\n# Components\n\n"
    "The tabs are [here](https://blog.example/building/).\n"
)
PLANNER = "\n\n".join(
    f"Sentence {n} explains how the index on column {n % 7} is skipped when the planner guesses wrong."
    for n in range(30)
)
DRAFTS["crosspost.md"] = (
    "---\ntitle: Why the planner skips an index\n"
    "canonical_url: https://blog.example/blog/2024/02/20/why-the-planner-skips-an-index/\n---\n\n"
    "# Why the planner skips an index\n\n" + PLANNER + "\n\nMore on [the blog](https://blog.example/).\n"
)
DRAFTS["profile.md"] = (
    "---\ntitle: Touring again\n---\n\n# Touring again\n\nTake [the build tour](https://blog.example/building/).\n"
)
#: four posts already cross-posted (their front matter says where), linking home with one text: with
#: the draft, 5 of the 9 links to the page in the profile (the drafts folder has 4 others)
CROSS_POSTED = {
    f"tour-{name}.md": f"---\ntitle: Tour {name}\ncross_posted: https://medium.com/@me/tour-{name}\n---\n\n"
    f"# Tour {name}\n\nTake [the build tour](https://blog.example/building/).\n"
    for name in ("one", "two", "three", "four")
}
MKDOCS_YML = """site_name: Blog
site_url: https://blog.example/
theme:
  name: material
hooks:
  - evil.py
extra:
  x: !!python/object/apply:builtins.exec ["open('sentinel-tag', 'w')"]
plugins:
  - blog
"""
POST = "---\ndate: 2024-02-20\n---\n\n# Why the planner skips an index\n\n" + PLANNER + "\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The run, and the repository it ran in."""
    require_tool("git", "Debian package git")
    try:
        import pre_commit.constants
    except ImportError:
        missing("pre-commit is not installed (pip install -e '.[test]')")
    record_tool("pre-commit", pre_commit.constants.VERSION)
    base = tmp_path_factory.mktemp("pre-commit")
    repo = base / "blog"
    (repo / "docs").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "mkdocs.yml").write_text(MKDOCS_YML)
    (repo / "evil.py").write_text("open('sentinel-hook', 'w')\n")
    (repo / "docs" / "index.md").write_text("# Home\n\nWelcome to the blog.\n")
    (repo / "docs" / "building.md").write_text(PAGE)
    (repo / "docs" / "blog" / "posts").mkdir(parents=True)
    (repo / "docs" / "blog" / "posts" / "planner.md").write_text(POST)
    for name, text in CROSS_POSTED.items():
        (repo / "docs" / name).write_text(text)
    blocker = base / "blocker" / "material"  # the hook's environment has no Material to import
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('mkdocs-material is not installed here')\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "mkdocs.yml", "evil.py", "docs")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "site")
    for name, text in DRAFTS.items():
        (repo / "drafts" / name).write_text(text)
    _git(repo, "add", "drafts")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "home"),
        "MEDLINT_CACHE_DIR": str(base / "cache"),
        "NO_COLOR": "1",
        "PYTHONPATH": os.pathsep.join([str(base / "blocker"), sysconfig.get_paths()["purelib"]]),
        # build the hook's install with the build tools already here, and look up no index
        "PIP_NO_BUILD_ISOLATION": "0",
        "PIP_NO_INDEX": "1",
        "VIRTUALENV_NO_SEED": "1",  # pip is found on PYTHONPATH: the hook environment needs no copy of it
    }
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return done, repo


def test_hook_fails_the_commit_on_error_findings(hook_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    run, _ = hook_run
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Failed" in run.stdout and "Traceback" not in run.stdout + run.stderr


def test_staged_draft_is_compared_with_an_unstaged_page(
    hook_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    run, _ = hook_run
    assert (
        "drafts/copy.md:7:1: ML301 [error] Draft repeats docs/building.md (https://blog.example/building/)"
        in run.stdout
    )


def test_generic_anchor_is_reported_and_the_clean_draft_is_not(
    hook_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    run, _ = hook_run
    assert "drafts/generic.md:7:14: ML101 [error]" in run.stdout
    assert "drafts/component.mdx:9:14: ML101 [error]" in run.stdout  # MDX drafts go to the hook too
    assert "drafts/clean.md" not in run.stdout
    assert "7 files" in run.stdout  # all seven staged drafts were handed to one medlint run


def test_the_anchor_profile_counts_the_posts_already_cross_posted(
    hook_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    """Only the drafts are staged, yet the profile holds the four committed cross-posted posts."""
    run, _ = hook_run
    said = " ".join(run.stdout.split())  # the text output wraps a long message
    wanted = (
        "drafts/profile.md:7:6: ML110 [warning] 5 of 9 links to https://blog.example/building/ across your "
        'cross-posts say "the build tour"'
    )
    assert wanted in said, run.stdout


def test_the_anchors_hook_shows_the_profile_and_passes(hook_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    """The ``medlint-anchors`` hook prints the profile (staged drafts and the committed cross-posted
    posts together) and never fails the commit itself."""
    run, _ = hook_run
    shown = run.stdout.split("medlint (anchor profile)", 1)[1].split("\nmedlint", 1)[0]
    assert shown.split("\n", 1)[0].rstrip(".").endswith("Passed"), shown[:300]
    assert [" ".join(line.split()) for line in shown.splitlines() if "%" in line][:3] == [
        "5 56% the build tour (other) overused",
        "2 22% how the site is built (exact title)",
        "2 22% here (generic)",
    ], shown
    assert 'https://blog.example/building/ "How the site is built": 9 links' in shown


def test_no_code_of_the_repository_runs_and_the_blog_urls_are_materials(
    hook_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    run, repo = hook_run
    assert not list(repo.rglob("sentinel-*")) and not list(Path.cwd().glob("sentinel-*"))
    assert "\ndrafts/crosspost.md:" not in run.stdout  # the right canonical URL: a syndication, no finding


def test_the_fixing_hook_makes_the_relative_link_absolute(
    hook_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    run, repo = hook_run
    check, fix = run.stdout.split("medlint (fix)", 1)
    assert "drafts/relative.md:7:6: ML205 [error] [*] Relative link ../docs/building.md" in check
    assert "files were modified by this hook" in fix and "Fixed 1 problem; " in fix
    assert (repo / "drafts" / "relative.md").read_text() == DRAFTS["relative.md"].replace(
        "../docs/building.md", "https://blog.example/building/"
    )
    assert (repo / "drafts" / "copy.md").read_text() == DRAFTS["copy.md"]  # no safe fix: untouched


def test_the_readme_snippet_resolves_and_runs_as_written(tmp_path: Path) -> None:
    """The README's ``.pre-commit-config.yaml``, with its ``repo:`` pointed at a clone of this
    repository and its ``rev:`` as written: pre-commit checks that revision out, installs the hook
    from it and runs it on a staged draft (exit 1 on its ML101)."""
    import re

    require_tool("git", "Debian package git")
    try:
        import pre_commit.constants
    except ImportError:
        missing("pre-commit is not installed (pip install -e '.[test]')")
    record_tool("pre-commit", pre_commit.constants.VERSION)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = next(block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "repos:" in block)
    rev = re.search(r"rev: (\S+)", snippet)
    assert rev is not None
    clone = tmp_path / "medlint"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    repo = tmp_path / "blog"
    (repo / "drafts").mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text(snippet.replace("https://github.com/medlint/medlint", str(clone)))
    (repo / "drafts" / "post.md").write_text(
        "---\ntitle: A post\n---\n\n# A post\n\nRead it [here](https://blog.example/x/).\n"
    )
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "home"),
        "MEDLINT_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "PIP_NO_BUILD_ISOLATION": "0",
        "PIP_NO_INDEX": "1",
        "VIRTUALENV_NO_SEED": "1",  # pip is found on PYTHONPATH: the hook environment needs no copy of it
    }
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "drafts/post.md:7:" in done.stdout and "ML101" in done.stdout, done.stdout

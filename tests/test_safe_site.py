"""A stranger's repository is safe to check: no code from it runs (python YAML tags, MkDocs hooks,
``INHERIT``, ``properdocs.yml``), a value medlint does not construct cannot steer it, link loops
and walk limits end cleanly with the cache as without it, a signal ends the run, and the run order
cannot poison the cache."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROSE, medlint, medlint_process

POST = "---\ndate: 2024-02-20\n---\n\n# Postgres index not used\n\n" + PROSE + "\n"
POST_URL = "https://s.example/blog/2024/02/20/postgres-index-not-used/"
SENTINELS = ("tag-extra", "tag-extension", "tag-new", "hook", "inherited-hook", "inherited-tag")


def hostile_project(folder: Path, settings_name: str = "mkdocs.yml") -> Path:
    """A Material blog whose settings try every route to run code; each writes a sentinel file."""
    (folder / "docs" / "blog" / "posts").mkdir(parents=True)
    (folder / "drafts").mkdir()
    sentinel = folder / "sentinels"
    sentinel.mkdir()
    touch = f"open({str(sentinel)!r} + '/{{}}', 'w')"
    (folder / settings_name).write_text(
        "INHERIT: base.yml\nsite_name: S\nsite_url: https://s.example/\ntheme:\n  name: material\n"
        "hooks:\n  - evil.py\n"
        f'extra:\n  x: !!python/object/apply:builtins.exec ["{touch.format("tag-extra")}"]\n'
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        f'  - pymdownx.emoji:\n      emoji_index: !!python/object/apply:builtins.exec ["{touch.format("tag-extension")}"]\n'
        f'      emoji_generator: !!python/object/new:builtins.exec ["{touch.format("tag-new")}"]\n'
        "plugins:\n  - blog\n"
    )
    (folder / "base.yml").write_text(
        f'hooks:\n  - evil_base.py\nextra_css:\n  - !!python/object/apply:builtins.exec ["{touch.format("inherited-tag")}"]\n'
    )
    (folder / "evil.py").write_text(touch.format("hook") + "\n")
    (folder / "evil_base.py").write_text(touch.format("inherited-hook") + "\n")
    (folder / "docs" / "index.md").write_text("# Home\n\nThe home page.\n")
    (folder / "docs" / "blog" / "posts" / "index-not-used.md").write_text(POST)
    (folder / "drafts" / "post.md").write_text(
        "---\ntitle: A cross-post\ncanonical_url: " + POST_URL + "\n---\n\n# Postgres index not used\n\n"
        + PROSE + "\n\nGo [here](https://s.example/) or read [the post](../docs/blog/posts/index-not-used.md).\n"
    )  # fmt: skip
    return sentinel


@pytest.mark.parametrize("settings_name", ["mkdocs.yml", "properdocs.yml"])
def test_no_code_from_the_repository_runs_and_the_draft_is_checked(tmp_path: Path, settings_name: str) -> None:
    sentinel = hostile_project(tmp_path, settings_name)
    text = medlint("check", "drafts/post.md", cwd=tmp_path)
    found = medlint("check", "drafts/post.md", "--format", "json", cwd=tmp_path)
    preview = medlint("preview", "drafts/post.md", "-o", tmp_path / "preview.html", cwd=tmp_path)
    assert sorted(os.listdir(sentinel)) == []
    assert found.code == 1 and {f["code"] for f in found.findings} == {"ML101", "ML205"}
    [relative] = [f for f in found.findings if f["code"] == "ML205"]
    assert relative["message"].endswith(f"use {POST_URL}")  # the blog's URL, with no Material installed to ask
    assert "drafts/post.md:" in text.out and preview.code == 0 and (tmp_path / "preview.html").is_file()


def test_the_owner_may_trust_the_site_and_then_its_hooks_run(tmp_path: Path) -> None:
    """``--trust-site`` is the one way the site's code runs: what the tests above prove is not run
    is really there to run."""
    sentinel = hostile_project(tmp_path)
    medlint_process("check", "drafts/post.md", "--trust-site", cwd=tmp_path)
    assert os.listdir(sentinel)


def test_a_setting_written_with_a_python_tag_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "private.md").write_text("# Private\n\n" + PROSE + "\n")
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: S\ndocs_dir: !!python/str ../outside\n")
    (tmp_path / "project" / "draft.md").write_text("# Private\n\n" + PROSE + "\n")
    run = medlint("check", "draft.md", "--format", "json", cwd=tmp_path / "project")
    assert run.code == 2 and "docs_dir is written with the YAML tag tag:yaml.org,2002:python/str" in run.err
    assert "private.md" not in run.out + run.err
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: S\nINHERIT: !!python/str ../outside/base.yml\n")
    run = medlint("check", "draft.md", "--format", "json", cwd=tmp_path / "project")
    assert run.code == 2 and "INHERIT is written with the YAML tag" in run.err


def test_a_link_loop_in_docs_ends_with_and_without_trust(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nHome.\n")
    (tmp_path / "docs" / "a").symlink_to(".", target_is_directory=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    (tmp_path / "draft.md").write_text(
        "# Draft\n\nSee [home](https://s.example/) and [gone](https://s.example/nope/).\n"
    )
    for trust in ([], ["--trust-site"]):
        run = medlint_process("check", "draft.md", "--format", "json", *trust, cwd=tmp_path, timeout=60)
        assert [f["code"] for f in json.loads(run.out)] == ["ML209"], run.err
    assert "(a loop): MkDocs is not run" in run.err


def test_a_signal_while_mkdocs_loads_ends_the_run(tmp_path: Path) -> None:
    started = tmp_path / "started"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nhooks:\n  - slow.py\n")
    (tmp_path / "slow.py").write_text(f"import time\nopen({str(started)!r}, 'w')\ntime.sleep(60)\n")
    (tmp_path / "draft.md").write_text("# Draft\n\nText.\n")
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / ".cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", "draft.md", "--trust-site"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "All checks passed" not in out and "Traceback" not in err


def test_walk_limits_are_the_same_with_and_without_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint import files

    monkeypatch.setattr(files, "MAX_WALK_FILES", 5)
    (tmp_path / "docs").mkdir()
    for number in range(6):
        (tmp_path / "docs" / f"page-{number}.md").write_text(f"# Page {number}\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    (tmp_path / "draft.md").write_text("# Draft\n\nText.\n")
    cached = medlint("check", "draft.md", cwd=tmp_path)
    uncached = medlint("check", "draft.md", "--no-cache", cwd=tmp_path)
    assert cached.code == uncached.code == 2
    assert cached.err == uncached.err and "stopped reading past 5" in cached.err and "internal error" not in cached.err


def test_the_run_order_cannot_poison_the_cache(tmp_path: Path) -> None:
    """A run where Material cannot be imported (a pre-commit hook's environment), then runs where
    it can, on one cache: every run gives the blog's real URLs."""
    hostile_project(tmp_path)
    cache = tmp_path / ".cache"
    blocked = (
        "import sys\nfor name in ('material', 'pymdownx', 'babel'): sys.modules[name] = None\n"
        "from medlint.cli import main\nsys.exit(main(['check', 'drafts/post.md', '--format', 'json']))\n"
    )
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    first = subprocess.run([sys.executable, "-c", blocked], cwd=tmp_path, env=env, capture_output=True, text=True)
    runs = [
        json.loads(first.stdout),
        medlint(
            "check", "drafts/post.md", "--format", "json", cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)}
        ).findings,
    ]
    for findings in runs:
        assert "ML304" not in {f["code"] for f in findings}
        assert any(f["message"].endswith(f"use {POST_URL}") for f in findings)

"""The MkDocs plugin, through real ``mkdocs build`` runs on fixture sites in a temporary folder."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

ROOT = Path(__file__).resolve().parent.parent
PAGE = "# {title}\n\nA page about {title}, with a few words of plain prose and nothing Medium cannot carry.\n"
DIRTY = "---\ntitle: Dirty\n---\n\n# Dirty\n\nGo [here](https://site.example/a) and see ![](img/x.png).\n"
CLEAN = "---\ntitle: Clean\n---\n\n# Clean\n\nRead [the guide to pages](https://site.example/guide/).\n"


def make_site(
    root: Path, plugin: str = "  - medlint", drafts: dict[str, str] | None = None, pages: dict[str, str] | None = None
) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(f"site_name: Test\nsite_url: https://site.example/\nplugins:\n{plugin}\n")
    for name, text in {
        "index.md": PAGE.format(title="home"),
        "guide.md": PAGE.format(title="guides"),
        **(pages or {}),
    }.items():
        (root / "docs" / name).write_text(text)
    if drafts is not None:
        (root / "drafts").mkdir()
        for name, text in drafts.items():
            (root / "drafts" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "drafts" / name).write_text(text)
    return root / "mkdocs.yml"


def run_build(config_file: Path, strict: bool, caplog: pytest.LogCaptureFixture) -> tuple[bool, list[str]]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        config = load_config(str(config_file), strict=strict, site_dir=str(config_file.parent / "site"))
        try:
            build(config)
            ok = True
        except Abort:
            ok = False
    return ok, [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.medlint"]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def test_strict_build_fails_on_a_dirty_draft_and_lists_findings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_site(tmp_path / "s", drafts={"dirty.md": DIRTY})
    ok, messages = run_build(config, strict=True, caplog=caplog)
    assert not ok
    assert (
        'drafts/dirty.md:7:4: ML101 [error] Link text "here" says nothing about its target https://site.example/a; '
        "name what the reader gets there instead" in messages
    )
    assert any(m.startswith("drafts/dirty.md:7:") and " ML206 [error] " in m for m in messages)
    ok, again = run_build(config, strict=False, caplog=caplog)
    assert ok and again == messages


def test_strict_build_passes_on_clean_drafts(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = make_site(tmp_path / "s", drafts={"clean.md": CLEAN})
    assert run_build(config, strict=True, caplog=caplog) == (True, [])


def test_pages_with_flagged_features_are_not_checked_unless_check_all(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    table = "# Table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee [here](https://site.example/).\n"
    config = make_site(tmp_path / "s", pages={"table.md": table})
    assert run_build(config, strict=True, caplog=caplog) == (True, [])
    config = make_site(tmp_path / "t", plugin="  - medlint:\n      check: all", pages={"table.md": table})
    ok, messages = run_build(config, strict=True, caplog=caplog)
    assert not ok and {m.split(" ")[1] for m in messages if m.startswith("docs/table.md")} >= {"ML401", "ML101"}


def test_draft_true_pages_are_checked_and_duplicates_found(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    long_page = (
        "# Long\n\n"
        + "\n\n".join(
            f"Paragraph {n} explains how the site builds its pages from Markdown sources, how links are "
            f"resolved against the docs folder, and why relative paths break on other sites number {n}."
            for n in range(8)
        )
        + "\n"
    )
    copy = (
        "---\ntitle: Copy\ndraft: true\n---\n\n"
        + long_page.replace("# Long", "# Copy")
        + "\nSee [the guide](https://site.example/guide/).\n"
    )
    config = make_site(tmp_path / "s", pages={"long.md": long_page, "copy.md": copy})
    ok, messages = run_build(config, strict=True, caplog=caplog)
    assert not ok
    assert [m.split(":")[0] for m in messages] == ["docs/copy.md"]
    # pages are named like drafts, from the MkDocs project (the build runs from its parent folder)
    assert "ML301 [error] Draft repeats docs/long.md (https://site.example/long/)" in messages[0]
    # the text format's side-by-side passages come with the finding
    assert "\n    draft:" in messages[0] and "| docs/long.md:" in messages[0]


def test_check_none_and_plugin_rule_options(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = make_site(tmp_path / "s", plugin="  - medlint:\n      check: none", drafts={"dirty.md": DIRTY})
    assert run_build(config, strict=True, caplog=caplog) == (True, [])
    quiet = "  - medlint:\n      rules:\n        generic-anchor-text: off\n        relative-image: off"
    config = make_site(tmp_path / "t", plugin=quiet, drafts={"dirty.md": DIRTY})
    ok, messages = run_build(config, strict=True, caplog=caplog)
    assert not ok and [m.split(" ")[1] for m in messages] == ["ML209", "ML108"]


def test_plugin_exclude_is_relative_to_the_project(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    plugin = '  - medlint:\n      exclude: ["drafts/archive/*"]'
    config = make_site(tmp_path / "s", plugin=plugin, drafts={"dirty.md": DIRTY, "archive/old.md": DIRTY})
    ok, messages = run_build(config, strict=False, caplog=caplog)
    assert ok and messages and {m.split(":")[0] for m in messages} == {"drafts/dirty.md"}


@pytest.mark.parametrize(
    ("plugin", "needle"),
    [
        ("  - medlint:\n      check: sometimes", "check"),
        ("  - medlint:\n      rules:\n        no-such-rule: off", "no-such-rule"),
        ("  - medlint:\n      rules:\n        too-many-links: {max: many}", "too-many-links.max"),
        ("  - medlint:\n      bogus: 1", "bogus"),
    ],
)
def test_bad_plugin_config_is_reported_by_mkdocs(
    plugin: str, needle: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_site(tmp_path / "s", plugin=plugin)
    with caplog.at_level(logging.WARNING):
        try:
            load_config(str(config_file), strict=True)
        except (ConfigurationError, Abort) as exc:
            text = str(exc) + " ".join(r.getMessage() for r in caplog.records)
        else:
            text = " ".join(r.getMessage() for r in caplog.records)
            pytest.fail(f"config accepted: {text}")
    assert needle in text


def test_example_site_builds_and_reports_its_drafts(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = tmp_path / "example-site"
    shutil.copytree(ROOT / "example-site", site, ignore=shutil.ignore_patterns("site"))
    ok, messages = run_build(site / "mkdocs.yml", strict=False, caplog=caplog)
    assert ok
    codes = {m.split(" ")[1] for m in messages}
    assert {"ML101", "ML205", "ML301", "ML401"} <= codes
    assert not any(m.startswith("drafts/cross-posting-to-medium.md") for m in messages)


def test_every_rule_has_a_page_and_no_page_is_stale() -> None:
    """``docs/rules/`` holds one page per rule and the index, each exactly as the rule's docstring
    and options render it."""
    from medlint.ruledocs import pages
    from medlint.rules import RULES

    expected = pages()
    assert len(expected) == len(RULES) + 1
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "rules").glob("*.md")}
    assert sorted(on_disk) == sorted(expected), "regenerate with python -m medlint.ruledocs"
    stale = [name for name, text in expected.items() if on_disk[name] != text]
    assert stale == [], f"regenerate with python -m medlint.ruledocs ({', '.join(stale)})"


FINDING = re.compile(r"\bML\d{3}\b")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(log: Path, needle: str, after: int = 0, patience: float = 90) -> int:
    """Wait until ``needle`` shows in the log past offset ``after``; return the offset just past it.
    Not a speed bound: the patience only keeps a broken watcher from hanging the suite."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        found = log.read_text(errors="replace").find(needle, after)
        if found >= 0:
            return found + len(needle)
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared in the mkdocs serve log:\n{log.read_text()[-3000:]}")


@pytest.mark.parametrize("mode", [[], ["--clean"]], ids=["serve", "serve-clean"])
def test_mkdocs_serve_watches_the_drafts_folder_and_rechecks_on_change(mode: list[str], tmp_path: Path) -> None:
    config = make_site(tmp_path / "s", drafts={"post.md": CLEAN})
    (config.parent / "docs" / "img").mkdir()
    (config.parent / "docs" / "img" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # published, so suggested
    log = tmp_path / "serve.log"
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    address = f"127.0.0.1:{_free_port()}"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *mode, "-f", str(config), "-a", address],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        seen = _wait_for(log, "Serving on")
        assert not FINDING.search(log.read_text())  # the clean draft links home to the published site_url
        (config.parent / "drafts" / "post.md").write_text(DIRTY)  # outside docs_dir: watched by the plugin
        seen = _wait_for(log, "drafts/post.md:7:4: ML101", after=seen)
        seen = _wait_for(log, "Reloading browsers", after=seen)  # the end of a rebuild
        rebuilt = log.read_text()
        assert (
            "ML206 [error] Relative image img/x.png cannot be imported by Medium; use https://site.example/img/x.png"
            in rebuilt
        )
        # the draft's preview, at a stable address of the local site
        preview = f"http://{address}/_medlint/preview/drafts/post.html"
        assert f"medlint preview of drafts/post.md: {preview}" in rebuilt
        with urllib.request.urlopen(preview, timeout=30) as response:
            page = response.read().decode("utf-8")
        assert page.count("<article") == 1 and 'data-code="ML101"' in page
        with urllib.request.urlopen(f"http://{address}/_medlint/preview/", timeout=30) as response:
            index = response.read().decode("utf-8")  # every draft's preview, with its finding count
        assert re.search(r'<a href="drafts/post.html">drafts/post.md</a></td><td class="count">[1-9]', index), index
        # the drafts' anchor profile, linked from the index
        assert f"medlint anchor profile of the drafts: http://{address}/_medlint/anchors.html" in rebuilt
        assert '<a href="../anchors.html">' in index
        (config.parent / "drafts" / "post.md").write_text(CLEAN)
        _wait_for(log, "Reloading browsers", after=seen)
        assert not FINDING.search(log.read_text(), seen)
        with urllib.request.urlopen(f"http://{address}/_medlint/anchors.html", timeout=30) as response:
            profile = response.read().decode("utf-8")  # the clean draft's one link home
        assert re.search(r'<section class="target" data-url="https://site.example/guide/" data-links="1">', profile)
        assert "the guide to pages" in profile
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_plugin_block_takes_every_configuration_key() -> None:
    """The plugin accepts the keys of ``.medlint.yml`` (but ``site`` and ``generator``: the MkDocs
    project is the site)."""
    from medlint.config import KEYS
    from medlint.mkdocs_plugin import PLUGIN_ONLY_KEYS, MedlintConfig

    plugin_keys = {name for name, _ in MedlintConfig._schema} - set(PLUGIN_ONLY_KEYS)
    assert plugin_keys == set(KEYS) - {"site", "generator"}


def test_the_documentation_site_builds_strict_with_medlint_checking_every_page(tmp_path: Path) -> None:
    """``mkdocs build --strict`` of ``docs/`` (Material, medlint's own plugin on every page) has
    no warning: what medlint finds there is configured in ``mkdocs.yml``, each with its reason."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ML207" in done.stderr  # the plugin ran: an info finding is logged, and does not fail the build
    assert (tmp_path / "site" / "rules" / "ml101-generic-anchor-text" / "index.html").is_file()

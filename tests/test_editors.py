"""Editors proven with their real clients: the configuration snippets of docs/editors.md, run in
the real editor, against the real ``medlint server``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, require_tool

EDITORS_DOC = ROOT / "docs" / "editors.md"


def snippet(marker: str) -> str:
    """The fenced block that follows ``<!-- the snippet {marker} runs -->`` in docs/editors.md."""
    text = EDITORS_DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- the snippet {re.escape(marker)} runs -->\n```\w+\n(.*?)```", text, re.S)
    assert found, f"docs/editors.md has no snippet for {marker}"
    return found.group(1)


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "example-site"
    shutil.copytree(ROOT / "example-site", project)
    return project


def _environment(tmp_path: Path) -> dict[str, str]:
    """``medlint`` on PATH (this interpreter's), a private cache, no user settings of the editor."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "MEDLINT_CACHE_DIR": str(tmp_path / "cache"),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
        "XDG_STATE_HOME": str(tmp_path / "home" / "state"),
    }


def test_neovim_with_the_documented_snippet_shows_diagnostics_and_applies_a_quick_fix(tmp_path: Path) -> None:
    nvim = require_tool("nvim", "Debian package neovim; .ci/run installs it")
    project = _project(tmp_path)
    init = tmp_path / "init.lua"
    init.write_text(snippet("tests/test_editors.py") + "\n")
    out = tmp_path / "neovim.json"
    draft = project / "drafts" / "links-that-break-on-medium.md"
    before = draft.read_text()
    assert "](../docs/getting-started.md)" in before
    done = subprocess.run(
        [nvim, "--headless", "-n", "-u", str(init), str(draft.relative_to(project)),
         "-c", f"luafile {ROOT / 'tests' / 'editors' / 'neovim_harness.lua'}"],
        cwd=project, env={**_environment(tmp_path), "MEDLINT_TEST_OUT": str(out)},
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert out.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    record = json.loads(out.read_text())
    codes = sorted({item["code"] for item in record["diagnostics"]})
    assert codes == ["ML205", "ML206", "ML208", "ML209", "ML210"], record
    assert record["applied"], record
    after = draft.read_text()
    assert "](https://medlint.example.com/getting-started/)" in after
    assert after == before.replace("](../docs/getting-started.md)", "](https://medlint.example.com/getting-started/)")

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

from conftest import ROOT, missing, require_tool

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


VSCODE = ROOT / "editors" / "vscode"


def _vscode_modules() -> Path:
    require_tool("node", "Debian package nodejs")
    modules = VSCODE / "node_modules"
    if not (modules / "vscode-languageclient").is_dir() or not (modules / "@vscode" / "vsce").is_dir():
        missing(f"the extension's packages are not installed (npm ci in {VSCODE}; .ci/run does it)")
    return modules


def test_the_vscode_extension_packages_with_vsce_and_its_manifest_matches_the_server(tmp_path: Path) -> None:
    """``vsce package`` from the npm registry (pinned in the extension's lock file) builds the
    .vsix; its manifest activates on Markdown and MDX, and contributes the settings the server
    reads (besides the interpreter, which only the extension uses)."""
    import dataclasses
    import zipfile

    from medlint.server import EditorSettings

    modules = _vscode_modules()
    copy = tmp_path / "vscode"
    shutil.copytree(VSCODE, copy, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    (copy / "node_modules").symlink_to(modules, target_is_directory=True)
    done = subprocess.run(
        ["node", str(modules / "@vscode" / "vsce" / "vsce"), "package", "--out", str(tmp_path / "medlint.vsix")],
        cwd=copy, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with zipfile.ZipFile(tmp_path / "medlint.vsix") as package:
        names = package.namelist()
        manifest = json.loads(package.read("extension/package.json"))
    assert {"extension/extension.js", "extension/lib/server.js", "extension.vsixmanifest"} <= set(names)
    assert any(name.startswith("extension/node_modules/vscode-languageclient/") for name in names)
    assert not any(name.startswith(("extension/test/", "extension/node_modules/@vscode/vsce/")) for name in names)
    assert manifest["activationEvents"] == ["onLanguage:markdown", "onLanguage:mdx"]
    settings = set(manifest["contributes"]["configuration"]["properties"])
    read_by_server = {f"medlint.{field.name}" for field in dataclasses.fields(EditorSettings)}
    assert settings == read_by_server | {"medlint.interpreter"}
    assert {command["command"] for command in manifest["contributes"]["commands"]} == {
        "medlint.preview",
        "medlint.restart",
    }


def test_the_vscode_extensions_code_drives_a_real_server(tmp_path: Path) -> None:
    """lib/server.js starts the real server as the extension does, with the settings' severity
    override (ML205 as info, insecure-link off), and gets diagnostics and a preferred quick fix,
    over vscode-languageclient's own protocol library. VS Code itself is not run (it cannot be
    downloaded here): what is untested is extension.js's calls into VS Code."""
    _vscode_modules()
    project = _project(tmp_path)
    draft = project / "drafts" / "links-that-break-on-medium.md"
    done = subprocess.run(
        ["node", "test/server.test.js", sys.executable, str(draft)],
        cwd=VSCODE, env=_environment(tmp_path), capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    record = json.loads(done.stdout)
    codes = dict(record["codes"])
    assert codes["ML205"] == 3 and codes["ML206"] == 1  # info by the editor's setting; error as configured
    assert "ML208" not in codes  # insecure-link: off
    assert record["preferred"] and record["edits"][0]["newText"] == "https://medlint.example.com/getting-started/"
    assert record["status"] == f"$(warning) medlint: {len(codes)}"
    assert record["preview"]["args"][-4:] == ["preview", str(draft), "-o", "out.html"]


def test_emacs_eglot_with_the_documented_snippet_shows_diagnostics_and_applies_a_quick_fix(tmp_path: Path) -> None:
    emacs = require_tool("emacs", "Debian packages emacs-nox, elpa-eglot and elpa-markdown-mode; .ci/run installs them")
    git = require_tool("git", "Debian package git")
    project = _project(tmp_path)
    subprocess.run([git, "init", "-q"], cwd=project, check=True)  # eglot's project: the repository
    init = tmp_path / "init.el"
    init.write_text(snippet("tests/test_editors.py in Emacs") + "\n")
    out = tmp_path / "emacs.json"
    draft = project / "drafts" / "links-that-break-on-medium.md"
    before = draft.read_text()
    done = subprocess.run(
        # the packages initialised as Emacs's own startup does, then init.el, then the harness
        [emacs, "--batch", "--eval", "(package-initialize)", "-l", str(init),
         "-l", str(ROOT / "tests" / "editors" / "emacs_harness.el")],
        cwd=project, env={**_environment(tmp_path), "MEDLINT_TEST_OUT": str(out)},
        input="\n", capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert out.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    seen = json.loads(out.read_text())["diagnostics"]
    codes = sorted(re.search(r"\[(ML\d+)\]", text).group(1) for text in seen)  # type: ignore[union-attr]
    assert codes == ["ML205", "ML206", "ML208", "ML209", "ML210"], done.stderr[-2000:]
    assert draft.read_text() == before.replace(
        "](../docs/getting-started.md)", "](https://medlint.example.com/getting-started/)"
    ), done.stderr[-2000:]

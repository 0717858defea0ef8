"""The GitHub Action (``action.yml``), run as a runner runs a composite action: its steps in order,
each ``run`` in ``bash --noprofile --norc -eo pipefail``, with ``INPUT_*``-style environments from
the step's ``env``, ``GITHUB_*`` variables and files, and the expressions the action uses
evaluated. GitHub itself cannot run here; everything but the SARIF upload (a ``uses`` step of
GitHub's own) is executed for real: the install into a fresh virtual environment, the check of
``example-site/``, the annotations, the summary and the outputs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, require_tool

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _value(expression: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]], action_path: Path) -> str:
    """One ``${{ }}`` expression of the kinds action.yml uses: an input, the action's path, a
    step's output."""
    if expression == "github.action_path":
        return str(action_path)
    if expression.startswith("inputs."):
        return inputs[expression.removeprefix("inputs.")]
    step, _, name = expression.removeprefix("steps.").partition(".outputs.")
    return outputs.get(step, {}).get(name, "")


def _condition(text: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]], failed: bool) -> bool:
    """A step's ``if``: ``always()``, ``a == 'b'``, ``a != ''``, joined by ``&&``; without one, the
    step runs only while no step has failed."""
    if not text:
        return not failed
    expression = _EXPRESSION.sub(r"\1", text).strip()
    results = []
    for part in (piece.strip() for piece in expression.split("&&")):
        if part == "always()":
            results.append(True)
            continue
        found = re.fullmatch(r"(\S+)\s*(==|!=)\s*'([^']*)'", part)
        assert found, f"an if the emulator does not know: {part}"
        value = _value(found.group(1), inputs, outputs, ROOT)
        results.append((value == found.group(3)) == (found.group(2) == "=="))
    return all(results) and ("always()" in expression or not failed)


class Runner:
    """A composite action's steps, run in order in ``workspace``, with the runner's files."""

    def __init__(self, workspace: Path, action_path: Path, bin_dir: Path, event: dict[str, object] | None = None):
        self.workspace = workspace
        self.action_path = action_path
        self.temp = workspace.parent / "runner-temp"
        self.temp.mkdir(exist_ok=True)
        self.summary = self.temp / "summary.md"
        self.env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "RUNNER_TEMP": str(self.temp),
            "MEDLINT_CACHE_DIR": str(self.temp / "cache"),
        }
        self.env.pop("VIRTUAL_ENV", None)
        if event is not None:
            (self.temp / "event.json").write_text(json.dumps(event))
            self.env["GITHUB_EVENT_PATH"] = str(self.temp / "event.json")
        self.log = ""
        self.skipped_uses: list[dict[str, object]] = []

    def run(self, given: dict[str, str], steps: set[str] | None = None) -> tuple[int, dict[str, str]]:
        """The action's steps with the inputs ``given``: all of them, or those named in ``steps``
        (the install, once for the tests that share its environment)."""
        inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        inputs.update(given)
        outputs: dict[str, dict[str, str]] = {}
        code = 0
        for number, step in enumerate(ACTION["runs"]["steps"]):
            if steps is not None and step["name"] not in steps:
                continue
            if not _condition(str(step.get("if", "")), inputs, outputs, failed=code != 0):
                continue
            if "uses" in step:  # GitHub's own action: what it would get is checked by the test
                with_values = {
                    key: _EXPRESSION.sub(lambda m: _value(m.group(1), inputs, outputs, self.action_path), str(value))
                    for key, value in step.get("with", {}).items()
                }
                self.skipped_uses.append({"uses": step["uses"], "with": with_values})
                continue
            output_file = self.temp / f"output-{number}"
            output_file.write_text("")
            env = {
                **self.env,
                "GITHUB_OUTPUT": str(output_file),
                **{
                    key: _EXPRESSION.sub(lambda m: _value(m.group(1), inputs, outputs, self.action_path), str(value))
                    for key, value in step.get("env", {}).items()
                },
            }
            folder = _EXPRESSION.sub(
                lambda m: _value(m.group(1), inputs, outputs, self.action_path), str(step.get("working-directory", "."))
            )
            script = self.temp / f"step-{number}.sh"
            script.write_text(step["run"])
            assert step["shell"] == "bash"
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace / folder, env=env, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            self.log += done.stdout + done.stderr
            if "id" in step:
                outputs[step["id"]] = dict(
                    line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
                )
            if done.returncode != 0:
                code = done.returncode
        action_outputs = {
            name: _EXPRESSION.sub(lambda m: _value(m.group(1), inputs, outputs, self.action_path), spec["value"])
            for name, spec in ACTION["outputs"].items()
        }
        return code, action_outputs


INSTALL = "Install medlint"
AFTER_INSTALL = {step["name"] for step in ACTION["runs"]["steps"]} - {INSTALL}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """This repository as a runner checks the action out (its tracked files), and a fresh virtual
    environment where the action's install step put medlint: the step runs once, and the tests
    run the steps after it, as jobs on one runner image would. The test environment's packages
    are visible in it (pip, setuptools and medlint's dependencies), so that only medlint itself
    is built and installed, without build isolation as the pre-commit test builds its hook: a
    runner's fresh pip and an isolated setuptools took 14 of the suite's seconds, and the step's
    own script is what is under test."""
    require_tool("git", "Debian package git")
    base = tmp_path_factory.mktemp("action")
    action_path = base / "medlint-action"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, files.split("\0")):
        if (ROOT / name).is_file():
            (action_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, action_path / name)
    environment = base / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    where = {"base": str(environment), "platbase": str(environment)}
    (Path(sysconfig.get_path("purelib", vars=where)) / "test-environment.pth").write_text(
        sysconfig.get_path("purelib") + "\n"
    )
    workspace = base / "install-workspace"
    workspace.mkdir()
    runner = Runner(workspace, action_path, environment / "bin")
    runner.env["PIP_NO_BUILD_ISOLATION"] = "0"  # pip's double negative: build with what is installed
    assert runner.run({}, steps={INSTALL})[0] == 0, runner.log
    assert (environment / "bin" / "medlint").exists()  # the install step put medlint in the runner's Python
    assert re.search(r"medlint \d+\.\d+", runner.log), runner.log  # and said which
    return action_path, environment / "bin"


def _example_workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "example-site", workspace / "example-site")
    return workspace


def test_the_action_checks_the_example_site_and_writes_annotations_summary_and_outputs(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    action_path, bin_dir = installed
    runner = Runner(_example_workspace(tmp_path), action_path, bin_dir)
    code, outputs = runner.run({"config": "example-site/mkdocs.yml", "sarif": "true"}, AFTER_INSTALL)
    assert code == 1, runner.log  # the example drafts have errors: the action fails as check does
    annotations = [line for line in runner.log.splitlines() if line.startswith("::")]
    assert any(
        line.startswith("::error file=example-site/drafts/anchor-text-habits.md,line=9,") for line in annotations
    )
    assert all(
        re.match(r"::(error|warning|notice) file=example-site/drafts/[\w-]+\.md,line=\d+,col=\d+,", line)
        for line in annotations
    )
    findings = json.loads((runner.temp / "medlint-action" / "findings.json").read_text())
    assert outputs == {"exit-code": "1", "findings": str(len(findings)), "sarif-file": "medlint.sarif"}
    assert len(annotations) == len(findings)
    summary = runner.summary.read_text()
    drafts = sorted({finding["path"] for finding in findings})
    for draft in drafts:
        counts = [
            sum(1 for f in findings if f["path"] == draft and f["severity"] == s) for s in ("error", "warning", "info")
        ]
        row = "| " + draft.replace("-", "\\-").replace("_", "\\_") + " | " + " | ".join(map(str, counts)) + " |"
        assert row in summary, row
    assert "The check fails." in summary and "### Duplicates" in summary
    assert "### Links home across the cross-posts" in summary
    sarif = json.loads((runner.workspace / "medlint.sarif").read_text())
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == len(findings)
    assert runner.skipped_uses == [
        {"uses": "github/codeql-action/upload-sarif@v3", "with": {"sarif_file": "medlint.sarif", "category": "medlint"}}
    ]


def test_the_action_checks_only_the_drafts_a_pull_request_changes(installed: tuple[Path, Path], tmp_path: Path) -> None:
    action_path, bin_dir = installed
    workspace = _example_workspace(tmp_path)

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=workspace, capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "base")
    base = git("rev-parse", "HEAD")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "site")
    event = {"pull_request": {"base": {"sha": base}}}
    (workspace / "example-site" / "drafts" / "getting-started-with-medlint.md").unlink()
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "one draft less")
    runner = Runner(workspace, action_path, bin_dir, event)
    code, _ = runner.run({"config": "example-site/mkdocs.yml", "changed-only": "true"}, AFTER_INSTALL)
    findings = json.loads((runner.temp / "medlint-action" / "findings.json").read_text())
    checked = {finding["path"] for finding in findings}
    # the pull request adds the site and the drafts (from the empty base): every Markdown file, once
    assert "example-site/drafts/anchor-text-habits.md" in checked and code == 1
    assert not any("getting-started-with-medlint" in path for path in checked)
    # with no Markdown file changed, the summary says so and the action passes
    git("checkout", "-q", "-b", "later")
    later = Runner(workspace, action_path, bin_dir, {"pull_request": {"base": {"sha": git("rev-parse", "HEAD")}}})
    assert later.run({"config": "example-site/mkdocs.yml", "changed-only": "true"}, AFTER_INSTALL) == (
        0,
        {"exit-code": "0", "findings": "0", "sarif-file": ""},
    )
    assert "No Markdown file changed" in later.summary.read_text()


def test_a_configuration_error_exits_2_and_the_summary_says_so(installed: tuple[Path, Path], tmp_path: Path) -> None:
    action_path, bin_dir = installed
    runner = Runner(_example_workspace(tmp_path), action_path, bin_dir)
    code, outputs = runner.run({"config": "nowhere.yml"}, AFTER_INSTALL)
    assert code == 2 and outputs["exit-code"] == "2"
    assert "could not run (exit code 2)" in runner.summary.read_text()


def test_the_summary_escapes_what_files_say() -> None:
    sys.path.insert(0, str(ROOT / "action"))
    try:
        from summary import cell, summary
    finally:
        sys.path.pop(0)
    assert cell("a|b <img src=x> [link](u) *x*") == "a\\|b &lt;img src=x&gt; \\[link\\]\\(u\\) \\*x\\*"
    finding = {"path": "d|<b>.md", "line": 1, "column": 1, "code": "ML101", "severity": "error", "message": "x\ny"}
    text = summary(1, [finding], None)
    assert "<b>" not in text and "| d\\|&lt;b&gt;.md | 1 | 0 | 0 |" in text


def test_every_input_and_output_is_documented() -> None:
    for section in ("inputs", "outputs"):
        for name, spec in ACTION[section].items():
            assert len(str(spec.get("description", "")).split()) >= 3, name
    documented = (ROOT / "docs" / "ci.md").read_text()
    for name in [*ACTION["inputs"], *ACTION["outputs"]]:
        assert f"`{name}`" in documented, name

"""The suite's own rule, run for real: under ``CI=true`` a test that skips fails (a missing
generator, browser or tool proves nothing), except a skip marked ``machine_dependent``; without
``CI`` the same skips stay skips. Each case is a real ``pytest`` run with this suite's conftest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CASES = """
import pytest
from conftest import missing

def test_tool_is_missing():
    missing("frobnicate is not installed")

def test_plain_skip():
    pytest.skip("no reason that CI accepts")

@pytest.mark.machine_dependent
def test_runs_as_root():
    pytest.skip("root reads every file")

def test_passes():
    assert True
"""


def _run(tmp_path: Path, ci: bool) -> str:
    (tmp_path / "test_cases.py").write_text(CASES, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "PYTEST_XDIST_WORKER")}
    if ci:
        env["CI"] = "true"
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rA",
            "-n0",
            "-p",
            "conftest",
            "-p",
            "no:cacheprovider",
            "test_cases.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


def test_a_skip_fails_under_ci(tmp_path: Path) -> None:
    report = _run(tmp_path, ci=True)
    assert "FAILED test_cases.py::test_tool_is_missing" in report, report
    assert "FAILED test_cases.py::test_plain_skip" in report, report
    assert "SKIPPED [1] test_cases.py" in report, report  # the machine_dependent one
    assert report.splitlines()[-1].startswith("2 failed, 1 passed, 1 skipped"), report


def test_a_skip_stays_a_skip_locally(tmp_path: Path) -> None:
    report = _run(tmp_path, ci=False)
    assert "FAILED" not in report, report
    assert report.splitlines()[-1].startswith("1 passed, 3 skipped"), report

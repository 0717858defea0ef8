"""Shared helpers: run the real CLI as a subprocess, and find ../shared when it is there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or a clean skip saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only beside a checkout in CI and development")
    return path


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def findings(self) -> list[dict[str, Any]]:
        return json.loads(self.out)

    def codes(self) -> set[str]:
        return {finding["code"] for finding in self.findings}

    def at(self, code: str) -> list[int]:
        return sorted(finding["line"] for finding in self.findings if finding["code"] == code)


def medlint(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> Run:
    """Run ``python -m medlint`` exactly as a user would, with a private cache folder."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.setdefault("MEDLINT_CACHE_DIR", str(Path(cwd or ROOT) / ".medlint-test-cache"))
    environment.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "medlint", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under the test's temporary folder and return its path."""

    def writer(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return writer

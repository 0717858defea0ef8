"""Shared helpers: run the CLI in-process (or, where the process itself matters, as a subprocess),
check rules on text in-process, and find ../shared when it is there."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from medlint import cli
from medlint.config import parse_config
from medlint.files import FileNamer, Target
from medlint.findings import Finding
from medlint.formats import present
from medlint.session import Session

# The suite starts many Python processes (the CLI, MkDocs, pre-commit, the language server): let them
# keep compiled modules, which an environment's PYTHONDONTWRITEBYTECODE would make each compile anew.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
PROSE = " ".join(
    f"Sentence {n} explains how the index on column {n % 7} is skipped when the planner guesses wrong."
    for n in range(30)
)
"""Thirty sentences of a site post: enough prose for a copy of it to be a duplicate (ML301)."""
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


def _environment(cwd: Path | None, env: dict[str, str] | None) -> dict[str, str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.setdefault("MEDLINT_CACHE_DIR", str(Path(cwd or ROOT) / ".medlint-test-cache"))
    environment.pop("GITHUB_ACTIONS", None)
    return environment


def medlint(*args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``medlint ARGS`` in this process, through the CLI's own ``main``, in folder ``cwd``,
    with ``env`` added to the environment and a private cache folder: the same parsing, engine,
    output and exit code as the command, without the start-up of a new interpreter."""
    environment = _environment(cwd, env)
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(environment)
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([str(arg) for arg in args])
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return Run(code, out.getvalue(), err.getvalue())


def medlint_process(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> Run:
    """Run ``python -m medlint`` as a separate process, exactly as a user would: for what only a
    process shows (exit codes seen by a shell, a traceback that must not appear, a hang)."""
    environment = _environment(cwd, env)
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


def lint_files(
    files: list[Path], select: str, settings: dict[str, Any] | None = None, site_url: str | None = None
) -> list[Finding]:
    """The rules ``select`` names, run in-process over ``files`` by a session (yamllint's
    ``RuleTestCase`` in spirit): ``settings`` are ``.medlint.yml`` keys, validated as there."""
    root = files[0].parent if files else ROOT
    config = parse_config(settings or {}, root, "test settings")
    config.site_url = site_url or config.site_url
    session = Session.open(config, select=[part for part in select.split(",") if part], use_cache=False)
    session.root = root
    targets = [Target(str(file)) for file in files]
    namer = FileNamer(targets, root)
    return present(session.lint_targets(targets, namer).findings, namer)


def hugo_layouts(folder: Path, template: str = "{{ .Content }}") -> None:
    """The smallest theme a Hugo site builds pages with: ``template`` for every page and list."""
    (folder / "layouts" / "_default").mkdir(parents=True)
    for kind in ("single", "list"):
        (folder / "layouts" / "_default" / f"{kind}.html").write_text(template)


def build_hugo(folder: Path) -> Path:
    """Run the real ``hugo`` on the site in ``folder``; the folder it wrote."""
    done = subprocess.run(["hugo", "--quiet", "-d", "public"], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return folder / "public"


def build_jekyll(folder: Path) -> Path:
    """Run the real ``jekyll build`` (production, no cache left behind) on ``folder``; the folder it wrote."""
    env = {**os.environ, "JEKYLL_ENV": "production", "HOME": str(folder)}
    done = subprocess.run(
        ["jekyll", "build", "--quiet", "-d", "_site", "--disable-disk-cache"],
        cwd=folder, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder / "_site"


NODE = Path(os.environ.get("MEDLINT_TEST_NODE", Path.home() / ".cache" / "medlint-tests" / "node"))
"""Where ``.ci/run`` installs the Node generators from the npm registry (Hexo in ``node_modules``,
the others each in its own folder); their tests skip without them."""


@dataclass(frozen=True)
class NodeGenerator:
    """A static site generator from npm: its folder under :data:`NODE` (``.`` for Hexo, which is
    installed there itself), its package, the script that builds a site (from its
    ``node_modules``) and the folder it writes."""

    folder: str
    package: str
    command: tuple[str, ...]
    output: str

    @property
    def modules(self) -> Path:
        return NODE / self.folder / "node_modules"

    def skip_unless_installed(self) -> None:
        if shutil.which("node") is None or not (self.modules / self.command[0]).is_file():
            pytest.skip(f"{self.package} is not installed in {NODE / self.folder} (.ci/run installs it from npm)")

    def version(self) -> str:
        return json.loads((self.modules / self.package / "package.json").read_text())["version"]


def built_pages(generator: NodeGenerator, site: Path, env: dict[str, str] | None = None) -> set[str]:
    """The URL path of every HTML page the real generator writes from ``site`` (``x/`` for
    ``x/index.html``), built in a copy of it. A build takes seconds (Docusaurus about 20), so its
    page list is kept in ``NODE/builds`` under a digest of every file of the site and the
    generator's version: any change to either builds again (``MEDLINT_TEST_REBUILD=1`` always
    does)."""
    generator.skip_unless_installed()
    digest = hashlib.sha256(f"{generator.package}@{generator.version()}".encode())
    for file in sorted(path for path in site.rglob("*") if path.is_file()):
        digest.update(file.relative_to(site).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    kept = NODE / "builds" / f"{generator.package.lstrip('@').replace('/', '-')}-{digest.hexdigest()[:24]}.json"
    if kept.is_file() and not os.environ.get("MEDLINT_TEST_REBUILD"):
        return set(json.loads(kept.read_text()))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "site"
        shutil.copytree(site, copy)
        (copy / "node_modules").mkdir()  # its own, so build caches (node_modules/.cache) stay with the copy
        for package in generator.modules.iterdir():
            if not package.name.startswith("."):
                (copy / "node_modules" / package.name).symlink_to(package, target_is_directory=package.is_dir())
        command = ["node", str(generator.modules / generator.command[0]), *generator.command[1:]]
        done = subprocess.run(
            command, cwd=copy, capture_output=True, text=True, timeout=600,
            env={**os.environ, "NODE_ENV": "production", **(env or {})},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        output = copy / generator.output
        pages = sorted(page.relative_to(output).as_posix() for page in output.rglob("*.html"))
    urls = [page[: -len("index.html")] if page.endswith("index.html") else page for page in pages]
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    partial.write_text(json.dumps(urls))
    partial.replace(kept)
    return set(urls)

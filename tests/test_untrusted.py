"""Untrusted repositories: what a pull request can put in front of medlint (issue 15's probe).

Each test replays one attack and checks that the run stays bounded, that the other files'
findings are those they get alone, that nothing outside the project is read (a sentinel's secret
never reaches the output), that no traceback appears, and the exact exit code. Runs that could
blow up if a defence regressed are subprocesses under a memory limit, so a regression fails the
test instead of taking the machine down.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Run, medlint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GOOD = "---\ntitle: A good draft\n---\n\n# A good draft\n\nGo [here](https://example.com/guide) for more.\n"
SECRET = "SENTINEL-7f3a9c"
MEMORY_LIMIT = 1_500_000_000


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """``python -m medlint ARGS`` in a process that may use 1.5 GB at most (and a generous safety
    timeout: not a speed assertion, a guard against a hang)."""
    environment = {**os.environ, "NO_COLOR": "1", "MEDLINT_CACHE_DIR": str(cwd / ".cache"), **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "medlint", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_bounded,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def alias_bomb(key: str) -> str:
    """Nine levels of nine aliases: 9**8 copies of a ten-item list once expanded (a 500-byte file)."""
    lines = ["---", "title: Bomb", "a0: &a0 [x,x,x,x,x,x,x,x,x,x]"]
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    lines += [f"{key}: *a8", "---", "", "Body [text](https://example.com/)."]
    return "\n".join(lines) + "\n"


def wide_aliases(count: int) -> str:
    """``count`` aliases to one 1,000-item list."""
    items = ",".join(f"w{n}" for n in range(1000))
    return f"---\nbase: &b [{items}]\ntags: [{', '.join(['*b'] * count)}]\n---\n\nBody.\n"


def _good_findings(cwd: Path) -> list[dict[str, object]]:
    """What ``drafts/good.md`` gets when it is checked alone, in the same folder."""
    return medlint("check", "drafts/good.md", "--format", "json", cwd=cwd).findings


def test_yaml_alias_bombs_are_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "good.md").write_text(GOOD)
    (drafts / "bomb-canonical.md").write_text(alias_bomb("canonical_url"))
    (drafts / "bomb-tags.md").write_text(alias_bomb("tags"))
    (drafts / "bomb-medlint.md").write_text(alias_bomb("medlint"))
    (drafts / "wide.md").write_text(wide_aliases(50_000))
    (tmp_path / ".medlint.yml").write_text("max_front_matter_size: 1000000\n")  # past the size limit too
    run = run_bounded("check", "drafts", "--format", "json", cwd=tmp_path)
    assert run.code == 1 and "Traceback" not in run.err, run.err
    by_file: dict[str, list[dict[str, object]]] = {}
    for finding in run.findings:
        by_file.setdefault(Path(str(finding["path"])).name, []).append(finding)
    for name in ("bomb-canonical.md", "bomb-tags.md", "bomb-medlint.md"):
        assert [(f["code"], f["message"]) for f in by_file[name] if f["code"] == "ML902"] == [
            ("ML902", "Invalid YAML front matter: its aliases expand it past 1,000,000 characters")
        ]
    assert [f["message"] for f in by_file["wide.md"] if f["code"] == "ML902"] == [
        "Invalid YAML front matter: more than 100 aliases (*name)"
    ]
    assert by_file["good.md"] == _good_findings(tmp_path)
    assert len(run.out) < 20_000  # the expansion is never printed
    (tmp_path / ".medlint.yml").unlink()
    default = run_bounded("check", "drafts/wide.md", "--format", "json", "--select", "ML902", cwd=tmp_path)
    assert [f["message"] for f in default.findings] == [
        "Front matter is 204,907 characters, over the 65,536 limit (max_front_matter_size)"
    ]


def test_front_matter_over_its_limit_is_ml902_and_the_limit_is_configurable(tmp_path: Path) -> None:
    front = "title: Big\nnotes: |\n" + "".join(f"  line {n} of padding\n" for n in range(5000))
    (tmp_path / "big.md").write_text(f"---\n{front}---\n\nBody.\n")
    run = medlint("check", "big.md", "--format", "json", "--select", "ML902", cwd=tmp_path)
    assert run.code == 1
    assert [f["message"] for f in run.findings] == [
        f"Front matter is {len(front) - 1:,} characters, over the 65,536 limit (max_front_matter_size)"
    ]
    (tmp_path / ".medlint.yml").write_text("max_front_matter_size: 200000\n")
    assert medlint("check", "big.md", "--format", "json", "--select", "ML902", cwd=tmp_path).findings == []


@pytest.mark.parametrize("url", ["https://[::1", "https://x[y/", "https://ex\u2100ample.com/"])
def test_a_bad_canonical_url_is_a_finding_on_its_file_and_the_run_goes_on(tmp_path: Path, url: str) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "good.md").write_text(GOOD)
    (drafts / "bad.md").write_text(f'---\ntitle: Bad\ncanonical_url: "{url}"\n---\n\nBody.\n')
    run = medlint("check", "drafts", "--format", "json", cwd=tmp_path)
    assert run.code == 1 and "internal error" not in run.err
    bad = [f for f in run.findings if f["path"] == "drafts/bad.md"]
    assert [(f["code"], f["line"]) for f in bad] == [("ML504", 3)]
    assert "is not a valid URL" in str(bad[0]["message"])
    assert [f for f in run.findings if f["path"] == "drafts/good.md"] == _good_findings(tmp_path)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("max_file_size: 12345678901234567890123456", "max_file_size must be a number of bytes from 1 to"),
        ('site_url: "https://[::1"', "site_url: 'https://[::1' is not a valid URL"),
        ("max_front_matter_size: -1", "max_front_matter_size must be a number of bytes"),
        ("follow_outside: sometimes", "follow_outside must be true or false"),
    ],
)
def test_a_bad_configuration_value_is_exit_2_naming_the_key(tmp_path: Path, setting: str, message: str) -> None:
    (tmp_path / ".medlint.yml").write_text(setting + "\n")
    (tmp_path / "good.md").write_text(GOOD)
    run = medlint("check", "good.md", cwd=tmp_path)
    assert run.code == 2 and message in run.err and run.err.count("\n") == 1, run.err


def test_the_plugin_reports_bad_drafts_as_warnings_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nThe home page.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bomb.md").write_text(alias_bomb("canonical_url"))
    (tmp_path / "drafts" / "bad-url.md").write_text('---\ntitle: Bad\ncanonical_url: "https://[::1"\n---\n\nBody.\n')
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://example.com/\nplugins:\n  - medlint\n")
    environment = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / ".cache")}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_bounded,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "drafts/bomb.md:" in done.stderr and "aliases expand it past" in done.stderr
    assert "drafts/bad-url.md:3:1: ML504" in done.stderr


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SGR = re.compile("\x1b\\[[0-9;]*m")


def _hostile_names_and_values(drafts: Path) -> None:
    drafts.mkdir()
    (drafts / "fake.md:1:1: ML999 [error] INJECTED\nreal.md").write_text("[click here](https://x.example/a)\n")
    (drafts / "\n::error file=evil.md,line=1::pwn.md").write_text("[here](https://x.example/b)\n")
    (drafts / "bell\x07\x1b]0;title\x07.md").write_text("[here](https://x.example/c)\n")
    (drafts / "values.md").write_text(
        "+++\n"
        'title = "Values"\n'
        'tags = ["a\\u001b]0;TITLE\\u0007", "b", "c", "d", "e", "f\\u001b[2J"]\n'
        'canonical_url = "https://x\\u001b]52;c;QUFBQQ==\\u0007.example/ y"\n'
        "+++\n\n"
        "A note[^\x1b[31mlabel].\n\n[^\x1b[31mlabel]: The note.\n\n"
        "Text with an attribute list { .x\x1b[1m }\n\n"
        "Read [click here](https://x.example/d?\x1b]52;c;QUFB\x07) now.\n"
    )


def test_no_raw_control_character_from_a_file_reaches_text_or_github_output(tmp_path: Path) -> None:
    _hostile_names_and_values(tmp_path / "drafts")
    piped = medlint("check", "drafts", cwd=tmp_path)
    colored = medlint("check", "drafts", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    github = medlint("check", "drafts", "--format", "github", cwd=tmp_path)
    for run in (piped, colored, github):
        assert run.code == 1
        assert not CONTROL.search(SGR.sub("", run.out)), [line for line in run.out.splitlines() if CONTROL.search(line)]
    lines = piped.out.splitlines()
    assert all(re.match(r"^drafts/.*:\d+:\d+: ML\d{3} \[(error|warning|info)\] ", line) for line in lines[:-1])
    assert not any(line.startswith(("real.md", "::error file=evil")) for line in lines)
    assert not any(line.startswith("::error file=evil.md") for line in github.out.splitlines())
    assert "Medium takes 5 and drops the rest (f\\x1b[2J)" in piped.out  # shown, escaped
    assert "  " in colored.out and "\\x1b]52;c;QUFB\\x07" in colored.out  # the source line, escaped


def test_the_side_by_side_view_escapes_both_passages(tmp_path: Path) -> None:
    poisoned = DUPLICATE_PAGE.replace("Step 0 of", "\x1b]0;owned\x07Step 0 of")  # first words of the view
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "setup\x1b[2J.md").write_text(poisoned + "\n")
    (tmp_path / "draft.md").write_text(poisoned.replace("# Setting up", "# Set up") + "\n")
    run = medlint("check", "draft.md", "--site", "site", "--select", "ML301", cwd=tmp_path)
    assert run.code == 1 and "draft:" in run.out and "site/setup\\x1b[2J.md:" in run.out
    assert run.out.count("\\x1b0;owned\\x07Step 0") == 2 and not CONTROL.search(run.out)  # both sides


def test_sarif_uris_are_percent_encoded_and_json_stays_exact(tmp_path: Path) -> None:
    _hostile_names_and_values(tmp_path / "drafts")
    sarif = json.loads(medlint("check", "drafts", "--format", "sarif", cwd=tmp_path).out)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in sarif["runs"][0]["results"]
    }
    assert "drafts/%0A%3A%3Aerror%20file%3Devil.md%2Cline%3D1%3A%3Apwn.md" in uris
    assert all(re.fullmatch(r"[A-Za-z0-9/%._~-]+", uri) for uri in uris), uris
    paths = {f["path"] for f in medlint("check", "drafts", "--format", "json", cwd=tmp_path).findings}
    assert "drafts/bell\x07\x1b]0;title\x07.md" in paths  # JSON carries the exact name


def _outside(tmp_path: Path) -> tuple[Path, Path]:
    """A project folder, and beside it a folder holding a sentinel secret."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "docs").mkdir(parents=True)
    (project / "drafts").mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text(f"# {SECRET} title\n\nSee https://x.example/?token={SECRET} now.\n")
    (project / "docs" / "index.md").write_text("# Home\n\nThe home page of the project.\n")
    (project / "drafts" / "good.md").write_text(GOOD)
    (project / "mkdocs.yml").write_text("site_name: P\nsite_url: https://example.com/\n")
    return project, outside


def test_links_out_of_the_project_are_not_followed(tmp_path: Path) -> None:
    project, outside = _outside(tmp_path)
    (project / "drafts" / "link.md").symlink_to(outside / "secret.md")
    (project / "docs" / "page.md").symlink_to(outside / "secret.md")
    (project / "docs" / "pipe.md").symlink_to(outside / "pipe.md")
    os.mkfifo(outside / "pipe.md")
    os.mkfifo(project / "inside-pipe")
    (project / "docs" / "inner.md").symlink_to(project / "inside-pipe")  # inside, but never opened
    run = run_bounded("check", "--format", "json", cwd=project)
    assert run.code == 1 and SECRET not in run.out + run.err
    link = [f for f in run.findings if f["path"] == "drafts/link.md"]
    assert [(f["code"], f["message"]) for f in link] == [
        (
            "ML901",
            "Cannot read: a symbolic link to outside the project; --follow-outside (follow_outside: true) reads it",
        )
    ]
    assert [f for f in run.findings if f["path"] == "drafts/good.md"] == _good_findings(project)
    assert run.err.count("skipped 2 site pages that are symbolic links to outside the project") == 1
    # named by pre-commit, the link is still not read
    named = run_bounded("check", "drafts/link.md", "--format", "json", cwd=project)
    assert named.code == 1 and SECRET not in named.out + named.err and named.findings[0]["code"] == "ML901"
    # deliberately allowed
    allowed = run_bounded("check", "drafts/link.md", "--follow-outside", "--format", "json", cwd=project)
    assert SECRET in allowed.out


def test_the_plugin_refuses_a_drafts_folder_outside_the_project(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    project, _ = _outside(tmp_path)
    (project / "mkdocs.yml").write_text("site_name: P\nplugins:\n  - medlint:\n      drafts: [../outside]\n")
    with pytest.raises(Abort):
        load_config(str(project / "mkdocs.yml"))
    assert any("drafts: " in r.getMessage() and "leads outside the project" in r.getMessage() for r in caplog.records)


def test_a_plain_file_named_on_the_command_line_is_read_wherever_it_is(tmp_path: Path) -> None:
    project, outside = _outside(tmp_path)
    run = medlint("check", str(outside / "secret.md"), "--format", "json", "--select", "ML107", cwd=project)
    assert run.code == 0 and [f["code"] for f in run.findings] == ["ML107"]


def _site_root(project: Path, outside: Path) -> None:
    (project / ".medlint.yml").write_text("site: /\n")


def _drafts_above(project: Path, outside: Path) -> None:
    (project / ".medlint.yml").write_text("drafts: ../outside\n")


def _drafts_link(project: Path, outside: Path) -> None:
    (project / "linked").symlink_to(outside)
    (project / ".medlint.yml").write_text("drafts: linked\n")


def _inherit(project: Path, outside: Path) -> None:
    (outside / "base.yml").write_text("site_url: https://e.example/\n")
    (project / "mkdocs.yml").write_text("INHERIT: ../outside/base.yml\nsite_name: P\n")


def _docs_dir(project: Path, outside: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: P\ndocs_dir: ../outside\n")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (_site_root, "site: / leads outside the project folder"),
        (_drafts_above, "drafts: "),
        (_drafts_link, "drafts: "),
        (_inherit, "base.yml is outside the project"),
        (_docs_dir, "docs_dir"),
    ],
)
def test_configured_folders_outside_the_project_are_a_configuration_error(
    tmp_path: Path, setup: Callable[[Path, Path], None], message: str
) -> None:
    project, outside = _outside(tmp_path)
    setup(project, outside)
    run = run_bounded("check", "drafts/good.md", cwd=project)
    assert run.code == 2 and message in run.err and "--follow-outside" in run.err, run.err
    assert SECRET not in run.out + run.err and run.err.count("\n") == 1


def test_a_site_walk_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint import files

    monkeypatch.setattr(files, "MAX_WALK_FOLDERS", 5)
    site = tmp_path / "site"
    for number in range(8):
        (site / f"f{number}").mkdir(parents=True)
        (site / f"f{number}" / "page.md").write_text("# Page\n\nText.\n")
    (tmp_path / "draft.md").write_text(GOOD)
    run = medlint("check", "draft.md", "--site", "site", cwd=tmp_path)
    assert run.code == 2 and "stopped reading past 5 folders" in run.err


def test_no_home_folder_means_no_cache_and_a_notice(tmp_path: Path) -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as a user id without a home folder")
    shared = Path(tempfile.mkdtemp(prefix="medlint-nohome-"))  # pytest's own folders are private to root
    try:
        _run_without_home(shared)
    finally:
        shutil.rmtree(shared)


AS_NOBODY = ("setpriv", "--reuid", "48213", "--regid", "48213", "--clear-groups")
"""A user id with no entry in /etc/passwd, so no home folder."""


def _run_without_home(shared: Path) -> None:
    probe = subprocess.run([*AS_NOBODY, sys.executable, "-c", "import medlint"], cwd=shared, capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"this Python cannot run as another user here: {probe.stderr.decode(errors='replace')[-200:]}")
    project, _ = _outside(shared)
    for path in [shared, *shared.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    environment = {k: v for k, v in os.environ.items() if k not in ("HOME", "MEDLINT_CACHE_DIR", "XDG_CACHE_HOME")}
    done = subprocess.run(
        [*AS_NOBODY, sys.executable, "-m", "medlint", "check", "drafts/good.md", "--format", "json"],
        cwd=project,
        env={**environment, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == "medlint: no home folder, so no page cache (set MEDLINT_CACHE_DIR to keep one)\n"
    assert [f["code"] for f in json.loads(done.stdout)] == [f["code"] for f in _good_findings(project)]


DUPLICATE_PAGE = "# Setting up\n\n" + " ".join(
    f"Step {n} of the setup copies the configuration into the folder number {n % 13} and checks it twice."
    for n in range(40)
)


def _duplicate_site(tmp_path: Path) -> Path:
    """A site page and a draft that copies it, in ``tmp_path``; the cache folder to use."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "setup.md").write_text(DUPLICATE_PAGE + "\n")
    (tmp_path / "draft.md").write_text(DUPLICATE_PAGE.replace("# Setting up", "# Set up") + "\n")
    return tmp_path / "cache"


def _check(tmp_path: Path, cache: Path) -> Run:
    return medlint(
        "check", "draft.md", "--site", "site", "--format", "json", "--select", "ML301",
        cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)},
    )  # fmt: skip


def test_a_planted_cache_changes_no_finding(tmp_path: Path) -> None:
    import hashlib

    from medlint.cache import PageCache, stamp_of
    from medlint.similarity.index import PageEntry, Pages, Postings

    cache = _duplicate_site(tmp_path)
    site = tmp_path / "site"
    clean = _check(tmp_path, cache)
    assert clean.codes() == {"ML301"}
    page = str((site / "setup.md").resolve())
    content = (site / "setup.md").read_bytes()
    stamp = stamp_of(os.stat(page))
    # the page's true stamp and content hash, no fingerprints ("no duplicate"), in the cache's own
    # layout, sealed with another secret
    key = hashlib.blake2b(content, digest_size=16).digest()
    forged_pages = Pages()
    forged_pages.add(PageEntry(page, "Setting up", 600, b"", "setting up", "setup"), stamp, key)
    forged_pages.joined()
    postings_data, postings_blob = Postings.of(forged_pages).stored(forged_pages.keys)
    value = {"written": time.time_ns() + 10**12, "pages": forged_pages.stored(), "postings": postings_data}
    for guess in (b"", b"0" * 32):
        forger = PageCache(tmp_path / "forged", "any", guess)
        (tmp_path / "forged").mkdir(exist_ok=True)
        forger.write(value, postings_blob)
        for index_file in cache.glob("site-*.idx"):
            index_file.write_bytes(forger.file.read_bytes())
        assert _check(tmp_path, cache).findings == clean.findings
    # the forgery is in the cache's own layout: sealed with the folder's secret, it would be taken
    forger = PageCache(tmp_path / "forged", "any", (cache / "key").read_bytes())
    forger.write(value, postings_blob)
    for index_file in cache.glob("site-*.idx"):
        index_file.write_bytes(forger.file.read_bytes())
    assert _check(tmp_path, cache).findings == []
    # a cache folder restored from elsewhere: its secret readable by others is refused
    (cache / "key").chmod(0o644)
    refused = _check(tmp_path, cache)
    assert refused.findings == clean.findings and "key: others can read it" in refused.err
    (cache / "key").chmod(0o600)
    cache.chmod(0o777)
    refused = _check(tmp_path, cache)
    assert refused.findings == clean.findings and "others can write to it" in refused.err
    if os.geteuid() == 0:  # only root can give a folder away
        cache.chmod(0o700)
        os.chown(cache, 48213, 48213)
        refused = _check(tmp_path, cache)
        assert refused.findings == clean.findings and "owned by another user" in refused.err


def test_no_temporary_file_stays_when_a_save_fails_or_is_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint import cache as index

    cache = _duplicate_site(tmp_path)
    clean = _check(tmp_path, cache)
    index_file = next(cache.glob("site-*.idx"))
    index_file.unlink()
    index_file.mkdir()  # the cache path is a folder: nothing can be saved there
    for _ in range(3):
        assert _check(tmp_path, cache).findings == clean.findings
    index_file.rmdir()

    def full_disk(mac: bytes, parts: tuple[bytes, ...], out: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index, "write_sealed", full_disk)
    assert _check(tmp_path, cache).findings == clean.findings

    def killed(mac: bytes, parts: tuple[bytes, ...], out: object) -> None:  # SIGTERM arrives in the middle of a save
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(index, "write_sealed", killed)
    assert _check(tmp_path, cache).code == 128 + signal.SIGTERM
    left = sorted(path.name for path in cache.iterdir() if not path.name.startswith(("pages-", "walk-")))
    assert left == ["key"]  # no index saved, and no leftover (the page list and walk were kept by the first run)


def test_a_fifo_at_the_cache_path_is_ignored_with_a_notice(tmp_path: Path) -> None:
    cache = _duplicate_site(tmp_path)
    clean = _check(tmp_path, cache)
    index_file = next(cache.glob("site-*.idx"))
    index_file.unlink()
    os.mkfifo(index_file)
    run = run_bounded(
        "check", "draft.md", "--site", "site", "--format", "json", "--select", "ML301",
        cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)},
    )  # fmt: skip
    assert run.findings == clean.findings and "not a regular file" in run.err


def test_workers_die_with_the_run(tmp_path: Path) -> None:
    """Killing medlint outright (SIGKILL) while its workers digest pages leaves none alive."""
    if not Path("/proc").is_dir() or (os.cpu_count() or 1) < 2:
        pytest.skip("needs /proc and two cores (one core digests in-process)")
    site = tmp_path / "site"
    site.mkdir()
    for number in range(700):  # past PARALLEL_PAGES, and long enough to digest that the pool is seen
        (site / f"p{number}.md").write_text(f"# Page {number}\n\n" + DUPLICATE_PAGE * 12 + "\n")
    (tmp_path / "draft.md").write_text(GOOD)
    process = subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", "draft.md", "--site", "site", "--no-cache"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    for _ in range(600):  # until the pool has started (a guard, not a timing)
        workers = _children(process.pid)
        if len(workers) >= 2 or process.poll() is not None:
            break
        time.sleep(0.01)
    if not workers:
        process.wait()
        pytest.skip("the run finished before its workers could be seen")
    process.kill()
    process.wait()
    for _ in range(500):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.01)
    assert not any(_alive(pid) for pid in workers)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


CONTROL_CHARS = [chr(code) for code in [*range(0, 32), *range(127, 160)] if code != 0] + ["\u2028", "\u202e"]
hostile_text = st.text(st.one_of(st.sampled_from(CONTROL_CHARS), st.characters(codec="utf-8")), max_size=12)
yaml_value = st.one_of(
    hostile_text.map(json.dumps),  # a quoted YAML string may hold any character as an escape
    st.sampled_from(["&a [x, y]", "*a", "[*a, *a, *a]", "{k: *a}", "&b [*a, *a]", "*b", "[", "]", "!!str x"]),
)
front_keys = st.sampled_from(["title", "tags", "canonical_url", "canonical", "description", "lang", "medlint", "x"])
front = st.lists(st.tuples(front_keys, yaml_value), max_size=6).map(
    lambda pairs: "---\n" + "".join(f"{key}: {value}\n" for key, value in pairs) + "---\n"
)
url = st.builds(lambda host, path: f"https://{host}/{path}", hostile_text, hostile_text)
body = st.lists(
    st.one_of(
        url.map(lambda target: f"[here]({target})"),
        url,
        hostile_text.map(lambda label: f"text[^{label}]\n\n[^{label}]: note"),
        hostile_text.map(lambda words: f"{words} {{ .{words} }}"),
        hostile_text,
    ),
    max_size=5,
).map("\n\n".join)
file_name = hostile_text.map(lambda name: name.replace("/", "_").replace("\0", "_") + ".md")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=file_name, head=front, text=body)
def test_generated_hostile_input_leaves_no_raw_control_character_in_any_output(
    tmp_path_factory: pytest.TempPathFactory, name: str, head: str, text: str
) -> None:
    from medlint.config import Config
    from medlint.files import FileNamer
    from medlint.formats import NAMES, Summary, render
    from medlint.session import Session

    folder = tmp_path_factory.mktemp("drafts")
    try:
        (folder / name).write_text(head + text, encoding="utf-8", errors="surrogatepass")
    except (OSError, UnicodeEncodeError):
        return  # a name the file system refuses
    session = Session.open(Config(root=folder), use_cache=False)
    targets = session.targets([str(folder)])
    namer = FileNamer(targets, folder)
    findings = session.lint_targets(targets, namer).findings
    for format_name in NAMES:
        for color in (False, True) if format_name == "text" else (False,):
            output = render(format_name, findings, Summary(len(targets), session.rules, color), namer)
            if format_name in ("text", "github"):
                assert not CONTROL.search(SGR.sub("", output)), output
            elif format_name == "json":
                assert [item["path"] for item in json.loads(output)] == [namer(f.path) for f in findings]
            else:
                json.loads(output)


@pytest.mark.parametrize(
    ("settings", "content"),
    [("hugo.toml", "content"), ("_config.yml", "."), ("config.toml", "content")],
    ids=["hugo", "jekyll", "zola"],
)
def test_generator_sites_read_no_page_through_a_link_out_of_the_project(
    tmp_path: Path, settings: str, content: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint import files
    from medlint.similarity import index

    opened: list[str] = []
    real = files.read_regular

    def recording(path: str | os.PathLike[str], limit: int) -> bytes:
        opened.append(os.path.realpath(path))
        return real(path, limit)

    monkeypatch.setattr(files, "read_regular", recording)
    monkeypatch.setattr(index, "read_regular", recording)
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / content).mkdir(parents=True, exist_ok=True)
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\nslug: {SECRET}\n---\n\n# {SECRET}\n")
    address = 'baseURL = "https://s.example/"' if settings == "hugo.toml" else 'base_url = "https://s.example/"'
    (project / settings).write_text("url: https://s.example\n" if settings == "_config.yml" else address + "\n")
    (project / content / "page.md").write_text("---\ntitle: Page\n---\n\n# Page\n\nThe page.\n")
    (project / content / "linked.md").symlink_to(outside / "secret.md")
    (project / "draft.md").write_text(f"# Draft\n\nSee [{SECRET}](https://s.example/{SECRET.lower()}/).\n")
    run = medlint("check", "draft.md", "--format", "json", "--select", "ML209,ML305", cwd=project)
    assert run.err.count("is a symbolic link to outside the project") == 1, run.err
    assert [f["code"] for f in run.findings] == ["ML209"]  # the linked page is no page of the site
    assert opened and not [path for path in opened if path.startswith(str(outside))]


def test_a_diff_shown_on_a_terminal_escapes_control_characters(tmp_path: Path) -> None:
    """``--diff`` writes exact bytes for ``patch``, but on a terminal a line of a hostile draft
    cannot set the title or write the clipboard."""
    if shutil.which("script") is None:
        pytest.skip("needs util-linux script to give medlint a terminal")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nThe guide.\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    (tmp_path / "draft.md").write_text("# D\n\nTitle \x1b]0;owned\x07 here.\nSee [the guide](docs/guide.md).\n")
    command = f"{sys.executable} -m medlint check draft.md --diff"
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / ".cache"), "TERM": "dumb"}
    done = subprocess.run(["script", "-qec", command, "/dev/null"], cwd=tmp_path, env=env, capture_output=True)
    output = done.stdout.decode("utf-8", "replace")
    assert "https://s.example/guide/" in output and "\\x1b]0;owned\\x07" in output
    assert "\x1b]0;" not in output and "\x07" not in output
    piped = medlint("check", "draft.md", "--diff", cwd=tmp_path)
    assert "\x1b]0;owned\x07" in piped.out  # piped to patch: the exact bytes


@pytest.mark.parametrize("settings", ["_config.yml", "hugo.toml", "config.toml"])
def test_a_pipe_among_a_generators_pages_is_never_opened(tmp_path: Path, settings: str) -> None:
    content = tmp_path if settings == "_config.yml" else tmp_path / "content"
    content.mkdir(exist_ok=True)
    (tmp_path / settings).write_text(
        {"_config.yml": "url: https://p.example\n", "hugo.toml": 'baseURL = "https://p.example/"\n'}.get(
            settings, 'base_url = "https://p.example/"\n'
        )
    )
    (content / "page.md").write_text("---\ntitle: Page\n---\n\nThe page.\n")
    os.mkfifo(content / "pipe.md")
    (tmp_path / "draft.md").write_text("# D\n\nSee [the page](https://p.example/page/).\n")
    run = run_bounded("check", "draft.md", "--format", "json", "--select", "ML209", cwd=tmp_path)
    assert run.code == 0 and run.findings == [], run.err


def test_front_matter_nested_past_what_is_kept_is_read_every_run(tmp_path: Path) -> None:
    """A page whose front matter nests hundreds of levels deep is a page like another, on the run
    that keeps the pages' front matter and on the next (its own is not kept, and read again)."""
    (tmp_path / "hugo.toml").write_text('baseURL = "https://h.example/"\n')
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "deep.md").write_text(
        "---\ntitle: Deep\nx: " + "[" * 900 + "]" * 900 + "\n---\nDeep.\n"
    )
    (tmp_path / "content" / "posts" / "ok.md").write_text("---\ntitle: OK\n---\nFine.\n")
    (tmp_path / "draft.md").write_text("# Draft\n\nSee [the post](https://h.example/posts/ok/).\n")
    cache = tmp_path / "cache"
    for _ in range(2):
        run = medlint("check", "draft.md", "--format", "json", cwd=tmp_path, env={"MEDLINT_CACHE_DIR": str(cache)})
        assert run.code in (0, 1) and "internal error" not in run.err, run.err
        assert not {finding["code"] for finding in run.findings} & {"ML205", "ML209"}


def test_pages_dated_before_1970_or_past_2262_are_pages_like_others(tmp_path: Path) -> None:
    """A file's time can be negative or past what a signed 64-bit count of nanoseconds holds (a
    file system may keep dates to 2446); the cache records it like any other, run after run."""
    site = tmp_path / "site"
    site.mkdir()
    text = " ".join(f"word{n}" for n in range(200))
    for name, when in (("old.md", -(10**18)), ("far.md", 15_000_000_000 * 10**9), ("now.md", None)):
        (site / name).write_text(f"# {name}\n\n{text} {name}\n")
        if when is not None:
            try:
                os.utime(site / name, ns=(when, when))
            except (OSError, OverflowError):
                pytest.skip(f"this file system keeps no time of {when} ns")
    (tmp_path / "draft.md").write_text(f"# Draft\n\n{text} far.md\n")
    cache = tmp_path / "cache"
    for _ in range(2):
        run = medlint(
            "check",
            "draft.md",
            "--site",
            "site",
            "--format",
            "json",
            cwd=tmp_path,
            env={"MEDLINT_CACHE_DIR": str(cache)},
        )
        assert run.code == 1 and "internal error" not in run.err, run.err
        assert "ML301" in {finding["code"] for finding in run.findings}


def test_a_site_folder_whose_name_is_not_utf8_is_cached_like_another(tmp_path: Path) -> None:
    """A folder name of bytes that are not UTF-8 (possible on Linux) names its caches as another."""
    text = " ".join(f"word{n}" for n in range(200))
    try:
        site = os.fsdecode(os.fsencode(tmp_path) + b"/site\xff")
        os.makedirs(os.path.join(site, os.fsdecode(b"sub\xfe")))
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    Path(site, "page.md").write_text(f"# Page\n\n{text}\n")
    (tmp_path / "draft.md").write_text(f"# Draft\n\n{text}\n")
    for _ in range(2):
        run = medlint(
            "check", "draft.md", "--site", site, "--format", "json", cwd=tmp_path,
            env={"MEDLINT_CACHE_DIR": str(tmp_path / "cache")},
        )  # fmt: skip
        assert run.code == 1 and "internal error" not in run.err, run.err
        assert [finding["code"] for finding in run.findings] == ["ML301"]

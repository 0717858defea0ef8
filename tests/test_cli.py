"""The command line as a user meets it: directives, formats, configuration, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import medlint

FM = "---\ntitle: A post\n---\n\n"
GENERIC = "Go [here](https://a.example/{n}).\n\n"


def _doc(*blocks: str) -> str:
    return FM + "".join(blocks)


# ---- inline directives and front matter control ------------------------------------------------


def test_disable_enable_range_by_code_and_name(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        _doc(
            GENERIC.format(n=1),
            "<!-- medlint-disable ML101 -->\n\n",
            GENERIC.format(n=2),
            "<!-- medlint-enable ML101 -->\n\n",
            GENERIC.format(n=3),
            "<!-- medlint-disable generic-anchor-text -->\n\n",
            GENERIC.format(n=4),
        )
    )
    assert medlint("check", "a.md", "--format", "json", "--select", "ML101", cwd=tmp_path).at("ML101") == [5, 13]


def test_disable_next_line_and_prefixes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        _doc(
            "<!-- medlint-disable-next-line ML1 -->\n",
            GENERIC.format(n=1),
            GENERIC.format(n=2),
            "<!-- medlint-disable-next-line ML205 -->\n",
            "Go [here](guide.md).\n",
        )
    )
    run = medlint("check", "a.md", "--format", "json", "--select", "ML101,ML205", cwd=tmp_path)
    assert [(f["code"], f["line"]) for f in run.findings] == [("ML101", 8), ("ML101", 11)]


def test_bare_directive_means_every_rule(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        _doc(
            "<!-- medlint-disable -->\n\n",
            "Go [here](guide.md) <b>x</b>.\n\n",
            "<!-- medlint-enable -->\n\n",
            GENERIC.format(n=9),
        )
    )
    assert {(f["code"], f["line"]) for f in medlint("check", "a.md", "--format", "json", cwd=tmp_path).findings} == {
        ("ML101", 11)
    }


def test_disable_file_and_front_matter_ignore(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(_doc(GENERIC.format(n=1), "<!-- medlint-disable-file -->\n"))
    (tmp_path / "b.md").write_text(
        "---\ntitle: B\nmedlint: {ignore: [ML101, relative-link]}\n---\n\n"
        + GENERIC.format(n=1)
        + "[guide](guide.md) <b>x</b>\n"
    )
    run = medlint("check", "a.md", "b.md", "--format", "json", cwd=tmp_path)
    assert [(f["path"], f["code"]) for f in run.findings] == [("b.md", "ML404")]


# ---- formats -------------------------------------------------------------------------------------


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(_doc("Go [here](https://a.example/x), [spec](http://a.example/s).\n"))
    return tmp_path


def test_text_format_plain_when_piped(sample: Path) -> None:
    run = medlint("check", "a.md", cwd=sample)
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0].startswith('a.md:5:4: ML101 [error] Link text "here" says nothing about its target')
    assert "\033[" not in run.out
    assert lines[-2:] == [
        "Found 2 problems (1 error, 1 warning) in 1 of 1 file.",
        "1 fixable with --fix --unsafe-fixes.",
    ]


def test_text_format_colored_with_source_when_forced(sample: Path) -> None:
    import re

    run = medlint("check", "a.md", cwd=sample, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = re.sub(r"\033\[[0-9;]*m", "", run.out)
    assert "\033[31m[error]" in run.out
    assert "     5 | Go [here](https://a.example/x)" in plain and "\n       |    " + "^" * 27 + "\n" in plain


def test_quiet_drops_the_summary_and_clean_run_says_so(sample: Path) -> None:
    assert "Found" not in medlint("check", "a.md", "--quiet", cwd=sample).out
    (sample / "clean.md").write_text(_doc("Read [the setup guide](https://a.example/setup).\n"))
    run = medlint("check", "clean.md", cwd=sample)
    assert (run.code, run.out) == (0, "All checks passed (1 file checked).\n")


def test_json_fields(sample: Path) -> None:
    first = medlint("check", "a.md", "--format", "json", cwd=sample).findings[0]
    assert first == {
        "path": "a.md",
        "line": 5,
        "column": 4,
        "end_line": 5,
        "end_column": 31,
        "code": "ML101",
        "rule": "generic-anchor-text",
        "severity": "error",
        "message": 'Link text "here" says nothing about its target https://a.example/x; '
        "name what the reader gets there instead",
    }


def test_github_format(sample: Path) -> None:
    lines = medlint("check", "a.md", "--format", "github", cwd=sample).out.splitlines()
    assert lines[0].startswith(
        "::error file=a.md,line=5,col=4,endLine=5,endColumn=31,title=ML101::ML101 generic-anchor-text: "
    )
    assert lines[1].startswith("::warning file=a.md,line=5,col=33,")


def test_github_format_is_default_inside_actions(sample: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "GITHUB_ACTIONS": "true", "MEDLINT_CACHE_DIR": str(sample / ".cache")}
    done = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "a.md"], cwd=sample, env=env, capture_output=True, text=True
    )
    assert done.stdout.startswith("::error file=a.md")


def test_sarif_format(sample: Path) -> None:
    log = json.loads(medlint("check", "a.md", "--format", "sarif", "--select", "ML1,ML208", cwd=sample).out)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [
        "ML101",
        "ML102",
        "ML103",
        "ML104",
        "ML105",
        "ML106",
        "ML107",
        "ML108",
        "ML109",
        "ML110",
        "ML111",
        "ML208",
    ]
    assert "Why:" in rules[0]["help"]["text"] and rules[0]["defaultConfiguration"]["level"] == "error"
    result = run["results"][0]
    assert result["ruleId"] == "ML101" and rules[result["ruleIndex"]]["id"] == "ML101"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5,
        "startColumn": 4,
        "endLine": 5,
        "endColumn": 31,
    }


def test_rules_command(tmp_path: Path) -> None:
    listing = medlint("rules", cwd=tmp_path).out.splitlines()
    assert len(listing) == 43 and listing[0].startswith("ML101  generic-anchor-text")
    one = medlint("rules", "relative-link", cwd=tmp_path).out
    assert one.startswith("ML205 relative-link (default severity: error)") and "Bad:" in one and "Good:" in one
    assert "Options:\n  max (default 25): " in medlint("rules", "ML201", cwd=tmp_path).out


# ---- configuration and exit codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("rules:\n  no-such-rule: off\n", "no-such-rule"),
        ("rulez: {}\n", "rulez"),
        ("rules:\n  too-many-links: {maximum: 3}\n", "maximum"),
        ("rules:\n  too-many-links: {max: lots}\n", "rules.too-many-links.max"),
        ("rules:\n  ML101: loud\n", "rules.ML101"),
        ("site_url: example.com\n", "site_url"),
        ("rules: [ML101]\n", "rules"),
        ("rules:\n  generic-anchor-text: {extra_phrases: see this}\n", "extra_phrases"),
        ("key: [unclosed\n", "invalid YAML"),
    ],
)
def test_config_errors_exit_2_naming_the_key(config: str, named: str, sample: Path) -> None:
    (sample / ".medlint.yml").write_text(config)
    run = medlint("check", "a.md", cwd=sample)
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and named in run.err and "Traceback" not in run.err


def test_pyproject_table_and_severity_override(sample: Path) -> None:
    (sample / "pyproject.toml").write_text(
        '[tool.medlint]\nrules = { generic-anchor-text = "warning", insecure-link = "error" }\n'
    )
    run = medlint("check", "a.md", "--format", "json", cwd=sample)
    assert [(f["code"], f["severity"]) for f in run.findings] == [("ML101", "warning"), ("ML208", "error")]
    assert run.code == 1


def test_config_found_in_a_parent_folder_and_explicit_config(sample: Path) -> None:
    (sample / ".medlint.yml").write_text("rules:\n  ML101: off\n")
    (sample / "sub").mkdir()
    (sample / "sub" / "b.md").write_text(_doc(GENERIC.format(n=1)))
    assert medlint("check", "b.md", cwd=sample / "sub").code == 0
    (sample / "other.yml").write_text("rules:\n  ML208: error\n")
    run = medlint("check", "a.md", "--config", "other.yml", "--format", "json", cwd=sample)
    assert {f["code"] for f in run.findings} == {"ML101", "ML208"}


def test_no_path_checks_configured_drafts(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yml").write_text("drafts: posts\n")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "p.md").write_text(_doc(GENERIC.format(n=1)))
    run = medlint("check", "--format", "json", cwd=tmp_path)
    assert [(f["path"], f["code"]) for f in run.findings] == [("posts/p.md", "ML101")]


def test_exclude_patterns_are_relative_to_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yml").write_text('drafts: posts\nexclude: ["posts/archive/*", "*.wip.md"]\n')
    for name in ("p.md", "next.wip.md", "archive/old.md", "archive/deeper/older.md"):
        (tmp_path / "posts" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "posts" / name).write_text(_doc(GENERIC.format(n=1)))
    for cwd, args in ((tmp_path, []), (tmp_path / "posts", ["."]), (tmp_path / "posts" / "archive", ["..", "."])):
        run = medlint("check", *args, "--format", "json", cwd=cwd)
        assert [Path(f["path"]).name for f in run.findings] == ["p.md"], (cwd, args)


def test_a_note_on_stderr_when_there_is_no_site_to_compare_with(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.md").write_text("# Page\n\nA page.\n")
    (tmp_path / "post.md").write_text(_doc("Plain words."))
    alone = medlint("check", "post.md", "--format", "json", cwd=tmp_path)
    assert alone.findings == [] and "no site to compare the drafts with" in alone.err and "--site" in alone.err
    assert "ML109, ML110, ML209, ML301, ML302, ML304, ML305 are not checked" in alone.err
    assert "ML209 are not checked" in medlint("check", "post.md", "--select", "ML2", cwd=tmp_path).err
    for args in (["--site", "site"], ["--select", "ML101,ML108,ML201"], ["--quiet"]):
        assert medlint("check", "post.md", *args, cwd=tmp_path).err == "", args


def test_mkdocs_yml_inherit_env_and_python_tags_are_read_as_mkdocs_reads_them(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text(
        'site_url: !ENV [MEDLINT_TEST_SITE_URL, "https://fallback.example/"]\nuse_directory_urls: false\n'
        "plugins:\n  - medlint:\n      rules:\n        relative-link: warning\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: X\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# Page\n")
    (tmp_path / "draft.md").write_text(_doc("Read [the page](page.md).\n"))
    for env, url in (
        ({}, "https://fallback.example/"),
        ({"MEDLINT_TEST_SITE_URL": "https://env.example/"}, "https://env.example/"),
    ):
        run = medlint("check", "draft.md", "--select", "ML205", "--format", "json", cwd=tmp_path, env=env)
        [finding] = run.findings
        assert finding["severity"] == "warning"  # the plugin block of the inherited file
        assert finding["message"].endswith(f"use {url}page.html")  # its site_url and use_directory_urls


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["check", "missing.md"], 2, "no such file or folder: missing.md"),
        (["check", "a.md", "--bogus"], 2, "unrecognized arguments: --bogus"),
        (["check", "a.md", "--select", "ML999"], 2, "unknown rule or prefix 'ML999'"),
        (["check", "a.md", "--format", "xml"], 2, "invalid choice"),
        (["check", "a.md", "--site", "nowhere"], 2, "site folder not found"),
        (["check", "a.md", "--site-url", "ftp://x"], 2, "--site-url"),
        (["rules", "ML000"], 2, "unknown rule 'ML000'"),
        (["check"], 2, "nothing to check"),
        (["check", "a.md", "--exit-zero"], 0, ""),
        (["check", "a.md", "--ignore", "ML101"], 0, ""),
        (["check", "a.md"], 1, ""),
    ],
)
def test_exit_codes(args: list[str], code: int, needle: str, sample: Path) -> None:
    run = medlint(*args, cwd=sample)
    assert run.code == code, run.err
    assert needle in run.err and "Traceback" not in run.err


def test_version(tmp_path: Path) -> None:
    from medlint import __version__

    assert medlint("--version", cwd=tmp_path).out.strip() == f"medlint {__version__}"

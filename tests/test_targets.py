"""Targets: the same draft judged for Medium, dev.to and Hashnode, whose verdicts differ where the
platforms differ and only there; and ``medlint export``, parsed back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_mkdocs, medlint

from medlint.targets import NAMES, platform

DRAFT = """\
---
title: Tiny
tags: [one, two, three, four, five, six]
---
# Tiny

| a | b |
| - | - |
| 1 | 2 |

- a
    - b

### Deep

<div>raw</div>

!!! note
    An admonition.
"""
EXPECTED = {
    # table, nested list, deep heading, raw HTML: Medium's only; 6 tags pass Medium's 5 and dev.to's 4;
    # a 4-character title is under Hashnode's 6; an admonition is rendered by none of them
    "medium": ["ML401", "ML402", "ML403", "ML404", "ML406", "ML503"],
    "devto": ["ML406", "ML503"],
    "hashnode": ["ML406", "ML502", "ML503"],
}


def _codes(folder: Path, *args: str) -> list[str]:
    run = medlint("check", "d.md", "--format", "json", "--select", "ML4,ML5", *args, cwd=folder)
    assert run.code in (0, 1), run.err
    import json

    return sorted(finding["code"] for finding in json.loads(run.out))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / ".medlint.yml").write_text("{}\n")
    (tmp_path / "d.md").write_text(DRAFT)
    return tmp_path


@pytest.mark.parametrize("target", NAMES)
def test_each_target_gets_the_findings_its_platform_deserves(folder: Path, target: str) -> None:
    assert _codes(folder, "--target", target) == EXPECTED[target]


def test_findings_for_several_targets_name_them_and_differ_only_where_the_platforms_do(folder: Path) -> None:
    import json

    run = medlint(
        "check",
        "d.md",
        "--format",
        "json",
        "--select",
        "ML4,ML5",
        "--target",
        "medium,devto",
        "--target",
        "hashnode",
        cwd=folder,
    )
    messages = {(item["code"], item["message"]) for item in json.loads(run.out)}
    assert (
        "ML401",
        "Medium has no tables and runs the cells together; use an image, a list or a code block",
    ) in messages
    assert any(code == "ML406" and "Medium, dev.to and Hashnode" in text for code, text in messages)
    assert any(code == "ML503" and text.startswith("6 tags; dev.to takes 4") for code, text in messages)
    assert any(code == "ML503" and text.startswith("6 tags; Medium and Hashnode take 5") for code, text in messages)
    union = sorted({code for codes in EXPECTED.values() for code in codes})
    assert sorted({code for code, _ in messages}) == union


def test_a_drafts_front_matter_names_its_own_targets_and_the_config_the_rest(folder: Path) -> None:
    (folder / ".medlint.yml").write_text("targets: [devto]\n")
    assert _codes(folder) == EXPECTED["devto"]
    (folder / "d.md").write_text(DRAFT.replace("title: Tiny\n", "title: Tiny\ntargets: hashnode\n"))
    assert _codes(folder) == EXPECTED["hashnode"]
    (folder / "d.md").write_text(DRAFT.replace("title: Tiny\n", "title: Tiny\ntargets: [myspace]\n"))
    run = medlint("check", "d.md", cwd=folder)
    assert "ML902" in run.out and "Front matter targets must be one or more of" in run.out
    (folder / ".medlint.yml").write_text("targets: [myspace]\n")
    run = medlint("check", "d.md", cwd=folder)
    assert run.code == 2 and "targets must be one or more of medium, devto, hashnode, not myspace" in run.err
    assert medlint("check", "d.md", "--target", "friendster", cwd=folder).code == 2


# --- export --------------------------------------------------------------------------------------

_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)")


def _parsed(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def _drafts() -> list[str]:
    site = ROOT / "example-site"
    return sorted(str(path.relative_to(site)) for folder in ("drafts", "docs") for path in (site / folder).glob("*.md"))


@pytest.mark.parametrize("target", ["devto", "hashnode"])
@pytest.mark.parametrize("draft", _drafts())
def test_exports_of_the_example_site_are_valid_for_each_platforms_front_matter(target: str, draft: str) -> None:
    site = ROOT / "example-site"
    run = medlint("export", "--target", target, draft, cwd=site)
    assert run.code == 0, run.err
    again = medlint("export", "--target", target, draft, cwd=site)
    assert again.out == run.out  # deterministic
    front, body = _parsed(run.out)
    taken = platform(target)
    assert set(front) <= set(taken.front_matter) and front["title"]
    tags = [tag.strip() for tag in str(front.get("tags", "")).split(",") if tag.strip()]
    assert taken.tags_max is not None and len(tags) <= taken.tags_max
    if target == "devto":
        assert front["published"] is False and all(re.fullmatch(r"[a-z0-9]+", tag) for tag in tags)
    else:
        assert front["ignorePost"] is True and all(re.fullmatch(r"[a-z0-9-]+", tag) for tag in tags)
    canonical = front.get(taken.canonical_key or "")
    if draft.startswith("docs/"):  # a page of the site: its published URL is the canonical
        assert canonical == "https://medlint.example.com/" + (
            "" if draft == "docs/index.md" else Path(draft).stem + "/"
        )
    left = {line.split(" ")[2] for line in run.err.splitlines() if line.startswith("medlint: left ")}
    for target_url in _LINK.findall(body):
        assert target_url.startswith(("https://", "http://", "#", "mailto:")) or target_url in left, target_url
    assert "!!! " not in body and "{{" not in body


def test_an_export_resolves_the_sites_own_link_syntax_and_admonitions(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('baseURL = "https://h.example/"\n')
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "other.md").write_text("---\ntitle: Other\n---\n\nThe other post.\n")
    (posts / "new.md").write_text(
        "---\ntitle: A new post\ntags: [Go, Static Sites]\ndescription: About it.\n---\n\n# A new post\n\n"
        'See [the other post]({{< ref "other.md" >}}) and [the same](other.md).\n'
    )
    run = medlint("export", "--target", "devto", "content/posts/new.md", cwd=tmp_path)
    front, body = _parsed(run.out)
    assert front == {
        "title": "A new post",
        "published": False,
        "description": "About it.",
        "tags": "go, staticsites",
        "canonical_url": "https://h.example/posts/new/",
    }
    assert "# A new post" not in body  # dev.to shows the title
    assert "[the other post](https://h.example/posts/other/)" in body
    assert "[the same](https://h.example/posts/other/)" in body
    mkdocs = tmp_path / "m"
    (mkdocs / "docs").mkdir(parents=True)
    (mkdocs / "mkdocs.yml").write_text(
        "site_name: M\nsite_url: https://m.example/\nmarkdown_extensions: [admonition]\n"
    )
    (mkdocs / "docs" / "p.md").write_text('# P\n\n!!! warning "Back up first"\n    Your data.\n\n    More.\n\nAfter.\n')
    front, body = _parsed(medlint("export", "--target", "hashnode", "docs/p.md", cwd=mkdocs).out)
    assert front["canonical"] == "https://m.example/p/"
    assert body.lstrip("\n") == "> **Back up first**\n>\n> Your data.\n>\n> More.\n\nAfter.\n"


def test_the_medium_export_is_the_preview_page(tmp_path: Path) -> None:
    site = ROOT / "example-site"
    run = medlint(
        "export", "--target", "medium", "drafts/formatting-for-medium.md", "-o", str(tmp_path / "m.html"), cwd=site
    )
    assert run.code == 0 and '<article class="story"' in (tmp_path / "m.html").read_text()


def test_an_exported_blog_posts_canonical_is_where_the_real_material_build_publishes_it(tmp_path: Path) -> None:
    """A Material blog post's canonical link is its dated URL, where ``mkdocs build`` writes it,
    not the path of its file (``blog/posts/launch/``): the export looked the post up by the path as
    typed, which the site's page list does not hold, and fell back on MkDocs' plain rule."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: B\nsite_url: https://b.example/\ntheme:\n  name: material\nplugins:\n  - blog\n"
    )
    posts = tmp_path / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "docs" / "blog" / "index.md").write_text("# Blog\n")
    (posts / "launch.md").write_text("---\ndate: 2024-03-05\n---\n\n# We launched\n\nIt is out.\n")
    output = build_mkdocs(tmp_path, "mkdocs-material")
    front, _ = _parsed(medlint("export", "--target", "devto", "docs/blog/posts/launch.md", cwd=tmp_path).out)
    path = front["canonical_url"].removeprefix("https://b.example/")
    assert (output / path / "index.html").is_file(), sorted(p.as_posix() for p in output.rglob("index.html"))
    assert path == "blog/2024/03/05/we-launched/"  # the blog slugs the title

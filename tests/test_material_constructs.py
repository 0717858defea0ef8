"""Constructs of Material for MkDocs' own documentation, read as Python-Markdown (with pymdownx)
reads them: each repro from issue 26, with its findings, and its links compared with the links in
Python-Markdown's HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import medlint

EXTENSIONS = ["admonition", "def_list", "footnotes", "attr_list", "md_in_html", "pymdownx.arithmatex",
              "pymdownx.emoji", "pymdownx.superfences", "pymdownx.tabbed"]  # fmt: skip
MKDOCS_YML = "site_name: M\nsite_url: https://m.example/\nmarkdown_extensions:\n" + "".join(
    f"  - {name}\n" for name in EXTENSIONS
)


def _check(tmp_path: Path, body: str, front: str = "") -> list[tuple[int, str, str]]:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "draft.md").write_text((f"---\n{front}---\n\n" if front else "") + body)
    run = medlint("check", "draft.md", "--format", "json", cwd=tmp_path)
    return [(f["line"], f["code"], f["message"]) for f in run.findings]


def _links(body: str) -> set[str]:
    """The link targets in Python-Markdown's HTML of ``body`` (with the site's extensions)."""
    markdown = pytest.importorskip("markdown", reason="Python-Markdown is not installed")
    pytest.importorskip("pymdownx", reason="pymdown-extensions is not installed (pip install -e '.[test]')")
    html = markdown.markdown(body, extensions=EXTENSIONS)
    return set(re.findall(r'<a href="([^"#]+)"', html))


def _model_links(tmp_path: Path, body: str) -> set[str]:
    from medlint.document import parse_document
    from medlint.generators import open_site

    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    (tmp_path / "docs").mkdir(exist_ok=True)
    site = open_site(tmp_path, use_cache=False)
    assert site is not None
    return {link.target for link in parse_document(body, dialect=site.dialect).links if link.kind != "image"}


DEFINITIONS = """<!-- md:option mode -->

:   The mode, one of :material-check: `on` or `off`; see [the guide](https://m.example/guide/).

    !!! note

        A note in the definition, with [a link](https://m.example/note/).
"""


def test_a_comment_as_a_definitions_term_makes_a_definition_list_with_its_links(tmp_path: Path) -> None:
    found = _check(tmp_path, DEFINITIONS)
    assert any(code == "ML406" and message.startswith("Definition list") for _, code, message in found)
    assert any(code == "ML406" and message.startswith("Admonition") for _, code, message in found)
    assert any(code == "ML406" and message.startswith("Emoji") for _, code, message in found)
    assert (
        _model_links(tmp_path, DEFINITIONS)
        == _links(DEFINITIONS)
        == {
            "https://m.example/guide/",
            "https://m.example/note/",
        }
    )


def test_an_emoji_inside_bold_is_found(tmp_path: Path) -> None:
    found = _check(tmp_path, "__:octicons-goal-16: Goal__\n")
    assert [(line, code) for line, code, message in found if message.startswith("Emoji")] == [(1, "ML406")]


def test_inline_math_is_found_and_code_spans_and_scripts_are_not_math(tmp_path: Path) -> None:
    found = _check(
        tmp_path,
        "The function $f$ with $a\\neq b$.\n\nAs `#!latex $$x$$` here, $5 and $10.\n\n<script>\nvar a = '\\\\(';\n</script>\n",
    )
    assert [line for line, _, message in found if message.startswith("Math")] == [1]


def test_a_comment_followed_by_text_is_no_raw_html_and_its_link_is_read(tmp_path: Path) -> None:
    body = "<!-- md:version 5.0.0 -->. Read [the versioning page](https://m.example/p/) and [here](https://m.example/h/).\n"
    found = _check(tmp_path, body)
    assert not any(code == "ML404" for _, code, _ in found)
    assert [(line, code) for line, code, _ in found if code == "ML101"] == [(1, "ML101")]
    assert _model_links(tmp_path, body) == _links(body)


def test_a_nested_div_inside_a_markdown_div_closes_once(tmp_path: Path) -> None:
    body = '<div markdown>\n\nText.\n\n<div class="inner">x</div>\n\n<div>\ny\n</div>\n\n</div>\n'
    found = _check(tmp_path, body)
    html = [line for line, code, message in found if code == "ML404" or message.startswith("Raw HTML")]
    assert 11 not in html  # the outer block's own closing tag is not reported as stray HTML
    assert html.count(1) == 1


def test_an_example_fence_showing_an_annotation_is_no_annotation(tmp_path: Path) -> None:
    body = "````markdown\n``` yaml\nkey: value # (1)\n```\n````\n\nThat is how it is written.\n"
    assert not any(message.startswith("Code annotation") for _, _, message in _check(tmp_path, body))


def test_a_tab_group_inside_a_tab_is_found_and_its_content_read(tmp_path: Path) -> None:
    body = (
        '=== "Outer"\n\n    === "Inner one"\n\n        Read [here](https://m.example/a/).\n\n'
        '    === "Inner two"\n\n        Two.\n\n=== "Other"\n\n    Other.\n'
    )
    found = _check(tmp_path, body)
    assert [line for line, _, message in found if message.startswith("Content tabs")] == [1, 3]
    assert (5, "ML101") in {(line, code) for line, code, _ in found}  # the nested body is prose, not code


def test_an_unclosed_fence_ends_with_its_tab(tmp_path: Path) -> None:
    body = '=== "One"\n\n    ```python\n    x = 1\n\n=== "Two"\n\n    Read [here](https://m.example/two/).\n'
    found = _check(tmp_path, body)
    assert (8, "ML101") in {(line, code) for line, code, _ in found}


def test_the_last_of_repeated_reference_definitions_wins(tmp_path: Path) -> None:
    body = "See [the docs][d].\n\n[d]: https://first.example/\n[d]: https://last.example/\n"
    assert _model_links(tmp_path, body) == _links(body) == {"https://last.example/"}


def test_a_link_followed_by_a_footnote_is_a_link(tmp_path: Path) -> None:
    body = "Rendered by [MathJax][^1].\n\n[MathJax]: https://www.mathjax.org/\n[^1]: A footnote.\n"
    assert _model_links(tmp_path, body) == _links(body) == {"https://www.mathjax.org/"}


def test_decorative_images_need_no_alt_text(tmp_path: Path) -> None:
    body = '<img src="https://m.example/a.png" alt="">\n\n<img src="https://m.example/b.png" aria-hidden="true">\n\n![](https://m.example/c.png)\n'
    assert [line for line, code, _ in _check(tmp_path, body) if code == "ML108"] == [5]


def test_a_language_that_is_not_a_tag_is_named(tmp_path: Path) -> None:
    found = _check(tmp_path, "# T\n\nText.\n", front="lang: [de]\n")
    assert [(line, code) for line, code, _ in found if code == "ML902"] == [(2, "ML902")]
    assert "lang must be a language tag" in next(message for _, code, message in found if code == "ML902")

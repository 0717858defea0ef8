"""Every rule, a failing and a passing example, run in-process by the engine (``lint_files``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint_files, medlint

from medlint.rules import RULES
from medlint.targets import GUIDE

FM = "---\ntitle: A post about testing\n---\n\n"
HOME = "https://example.com/"

# code: (bad text, lines reported in it, good text, extra CLI arguments)
CASES: dict[str, tuple[str, list[tuple[int, int]], str, dict[str, object]]] = {
    "ML101": (
        FM
        + "Go [here](https://a.example/x).\n\n[Read more!](https://a.example/y)\n\n[*Click* here](https://a.example/z)\n",
        [(5, 4), (7, 1), (9, 1)],
        FM
        + "Read the [setup guide](https://a.example/x) or [`here`](https://a.example/y) or [ここ](https://a.example/z).\n"
        + "Built on [Click](https://click.palletsprojects.com/).\n",
        {},
    ),
    "ML102": (
        FM + "See [https://a.example/x](https://a.example/x).\n",
        [(5, 5)],
        FM + "See [the guide](https://a.example/x).\n",
        {},
    ),
    "ML103": (
        FM + "[text]()\n\n[](https://a.example)\n\n[text](#)\n",
        [(5, 1), (7, 1), (9, 1)],
        FM + "[text](https://a.example) and [anchor](#frag)\n",
        {},
    ),
    "ML104": (
        FM + "See [x](https://a.example/1) and [" + " ".join(["word"] * 13) + "](https://a.example/2).\n",
        [(5, 5), (5, 34)],
        FM + "See [the benchmark results](https://a.example/1).\n",
        {},
    ),
    "ML105": (
        FM + "[setup guide](https://a.example/setup)\n\n[setup guide](https://a.example/install)\n",
        [(7, 1)],
        FM + "[setup guide](https://a.example/setup)\n\n[Setup guide](https://a.example/setup/)\n",
        {},
    ),
    "ML106": (
        FM + "[fast tool](https://a.example/t) [fast tool](https://a.example/t) [fast tool](https://a.example/t)\n",
        [(5, 67)],
        FM + "[fast tool](https://a.example/t) and [fast tool](https://a.example/t)\n",
        {},
    ),
    "ML107": (
        FM + "Docs at https://a.example/docs and <https://a.example/b>.\n",
        [(5, 9), (5, 36)],
        FM + "Read [the docs](https://a.example/docs); `https://in.code/x`\n\n    https://indented.code/x\n",
        {},
    ),
    "ML108": (FM + "![](https://a.example/i.png)\n", [(5, 1)], FM + "![A chart](https://a.example/i.png)\n", {}),
    "ML111": (
        FM + "![image](a.png) ![screenshot](b.png) ![IMG_2034.jpg](c.jpg)\n\n![diagram-1](img/diagram-1.png) "
        '![Image 2](e.png) <img src="f.png" alt="photo">\n',
        [(5, 1), (5, 17), (5, 38), (7, 1), (7, 33), (7, 51)],
        FM + "![A screenshot of the settings page](b.png) ![the build graph, growing](diagram-1.png)\n\n"
        '<img src="h.png" alt=""> ![2024](poster.png)\n',
        {},
    ),
    "ML201": (
        FM + " ".join(f"[link {n}](https://a.example/{n})" for n in range(4)) + "\n",
        [(5, 91)],
        FM + " ".join(f"[link {n}](https://a.example/{n})" for n in range(3)) + "\n",
        {"rules": {"too-many-links": {"max": 3}}},
    ),
    "ML202": (
        FM + "word " * 150 + " ".join(f"[link {n}](https://a.example/{n})" for n in range(9)) + "\n",
        [(5, 751)],
        FM + "word " * 150 + " ".join(f"[link {n}](https://a.example/{n})" for n in range(7)) + "\n",
        {},
    ),
    "ML203": (
        FM + " ".join(f"[page {n}]({HOME}p{n})" for n in range(11)) + "\n",
        [(5, 331)],
        FM + " ".join(f"[page {n}]({HOME}p{n})" for n in range(10)) + "\n",
        {"site_url": HOME},
    ),
    "ML204": (
        FM + "Only [other sites](https://other.example/).\n",
        [(5, 1)],
        FM + "Read [my guide](https://www.example.com/guide/).\n",
        {"site_url": HOME},
    ),
    "ML205": (
        FM + "See [the guide](guide.md) and [about](/about/).\n",
        [(5, 5), (5, 31)],
        FM + "See [the guide](https://example.com/guide/).\n",
        {},
    ),
    "ML206": (FM + "![A chart](img/chart.png)\n", [(5, 1)], FM + "![A chart](https://example.com/img/chart.png)\n", {}),
    "ML207": (
        FM + "[the guide](https://a.example/g) and [the guide again](https://A.example/g/)\n",
        [(5, 38)],
        FM + "[the guide](https://a.example/g) and [the faq](https://a.example/f)\n",
        {},
    ),
    "ML208": (
        FM + "[the spec](http://a.example/spec) ![A chart](http://a.example/c.png)\n",
        [(5, 1), (5, 35)],
        FM + "[the spec](https://a.example/spec)\n",
        {},
    ),
    "ML210": (FM + "See [the setup section](#setup).\n", [(5, 5)], FM + "See the setup section below.\n", {}),
    "ML401": (FM + "| a | b |\n|---|---|\n| 1 | 2 |\n", [(5, 1)], FM + "- a: 1\n- b: 2\n", {}),
    "ML402": (FM + "### Deep\n\n## Fine\n", [(5, 1)], FM + "## Fine\n", {}),
    "ML403": (FM + "- one\n    - nested\n", [(6, 5)], FM + "- one\n- two\n", {}),
    "ML404": (
        FM + '<div class="x">block</div>\n\nInline <span>html</span>.\n',
        [(5, 1), (7, 8)],
        FM + "<!-- a comment -->\n\nPlain `<span>` text.\n",
        {},
    ),
    "ML405": (
        FM + "A claim.[^1]\n\n[^1]: The note.\n\n[^2]: Orphan note.\n",
        [(5, 9), (9, 1)],
        FM + "A claim (with a note).\n",
        {},
    ),
    "ML406": (
        FM
        + '- [ ] task\n\n!!! note\n    Body.\n\nTerm\n:   Definition\n\n$$x^2$$\n\nText {: .cls }\n\n--8<-- "file.md"\n\n<details><summary>More</summary>x</details>\n'
        + '\n{{video "https://www.youtube.com/embed/x"}}\n\n{% include "note.md" %}\n',
        [(5, 3), (7, 1), (10, 1), (13, 1), (15, 6), (17, 1), (19, 1), (21, 1), (23, 1)],
        FM
        + '- task\n\n> A note.\n\n```\n$$ {: .x } --8<-- "f"\n{{video "v"}}\n```\n\nSet `{{ page.title }}` in a template.\n',
        {},
    ),
    "ML501": ("Just text.\n", [(1, 1)], "# A title\n\nText.\n", {}),
    "ML502": ("---\ntitle: " + "x" * 101 + "\n---\n", [(2, 1)], FM, {}),
    "ML503": (
        "---\ntitle: T\ntags: [a, b, c, d, e, f]\n---\n",
        [(3, 1)],
        "---\ntitle: T\ntags: a, b, c, d, e\n---\n",
        {},
    ),
    "ML504": (
        "---\ntitle: T\ncanonical_url: /blog/x/\n---\n",
        [(3, 1)],
        "---\ntitle: T\ncanonical_url: https://example.com/x/\n---\n",
        {},
    ),
    "ML505": (
        "---\ntitle: T\ntags: [" + "a" * 26 + "]\n---\n",
        [(3, 1)],
        "---\ntitle: T\ntags: [" + "a" * 25 + "]\n---\n",
        {},
    ),
    "ML901": ("\udcff", [(1, 1)], FM, {}),
    "ML902": ("---\ntitle: [unclosed\n---\n\nBody [here](https://a.example).\n", [(2, 1)], FM, {}),
}
#: the rules judged on one document alone (ML105 also reads the anchor profile, but without a site
#: it judges the one draft, as here)
DOCUMENT_RULES = {
    code
    for code, found in RULES.items()
    if (not found.needs_corpus or found.needs_profile) and not found.needs_site and not found.built_page
} - {"ML209"}


def test_every_document_rule_has_a_case() -> None:
    assert set(CASES) == DOCUMENT_RULES


def _write(path: Path, text: str) -> None:
    if "\udcff" in text:
        path.write_bytes(b"caf\xe9 latin-1 text\n")
    else:
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_reports_bad_and_passes_good(code: str, tmp_path: Path) -> None:
    bad, positions, good, settings = CASES[code]
    _write(tmp_path / "bad.md", bad)
    _write(tmp_path / "good.md", good)
    found = lint_files([tmp_path / "bad.md", tmp_path / "good.md"], code, settings)
    assert {f.code for f in found} <= {code}
    assert sorted((f.line, f.column) for f in found if f.path == "bad.md") == positions
    assert [f for f in found if f.path == "good.md"] == []
    severity = RULES[code].severity
    assert all(f.severity.rank <= severity.rank for f in found)


def test_ml101_extra_phrases_from_config(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yml").write_text("rules:\n  generic-anchor-text: {extra_phrases: [see this now]}\n")
    (tmp_path / "a.md").write_text(FM + "[See this, now!](https://a.example/x)\n")
    assert medlint("check", "a.md", "--format", "json", cwd=tmp_path).at("ML101") == [5]


def test_ml106_reports_each_stuffed_anchor_once_with_its_total(tmp_path: Path) -> None:
    link = "[fast tool](https://a.example/t)"
    (tmp_path / "a.md").write_text(FM + "\n\n".join([link] * 5) + "\n")
    run = medlint("check", "a.md", "--format", "json", "--select", "ML106", cwd=tmp_path)
    [finding] = run.findings
    assert finding["line"] == 9  # the third link, the first over the default limit of 2
    assert "5 times (at most 2)" in finding["message"]
    assert [item["line"] for item in finding["related"]] == [5, 7, 11, 13]


def test_ml205_message_gives_absolute_url_from_mkdocs_site(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://example.com/docs/\n")
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "guide" / "setup.md").write_text("# Setup\n")
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "docs" / "img").mkdir()
    (tmp_path / "docs" / "img" / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "drafts" / "post.md").write_text(
        FM + "[setup](../docs/guide/setup.md) [setup again](guide/setup.md#step-2) [nothing](guide/missing.md)\n"
        "![chart](img/c.png) ![lost](img/lost.png)\n"
    )
    run = medlint("check", "--format", "json", "--select", "ML205,ML206,ML209", cwd=tmp_path)
    messages = [(f["code"], f["message"]) for f in run.findings]
    assert (
        "ML205",
        "Relative link ../docs/guide/setup.md breaks on Medium; use https://example.com/docs/guide/setup/",
    ) in messages
    assert any(code == "ML205" and "https://example.com/docs/guide/setup/#step-2" in text for code, text in messages)
    assert any(code == "ML206" and "https://example.com/docs/img/c.png" in text for code, text in messages)
    # nothing published to suggest: the message says so, and does not ask for a site_url that is set
    lost = next(text for code, text in messages if code == "ML206" and "lost.png" in text)
    assert "matches nothing the site publishes" in lost and "set site_url" not in lost
    missing = next(text for code, text in messages if code == "ML205" and "missing.md" in text)
    assert "matches nothing the site publishes" in missing
    assert [f["code"] for f in run.findings if f["column"] == 70] == ["ML205"]  # one finding says both


def test_ml205_without_a_site_resolves_like_a_browser_under_site_url(tmp_path: Path) -> None:
    """``/blog/gopher`` on a site served at ``https://go.dev/blog/`` is ``https://go.dev/blog/gopher``
    (from the host's root), while ``img/a.png`` lands under the site's folder."""
    (tmp_path / "post.md").write_text(FM + "[the gopher](/blog/gopher) and [a chart](img/a.png)\n")
    run = medlint("check", "post.md", "--site-url", "https://go.dev/blog", "--format", "json", cwd=tmp_path)
    advice = [f["message"].rsplit("; use ", 1)[1] for f in run.findings if f["code"] == "ML205"]
    assert advice == ["https://go.dev/blog/gopher", "https://go.dev/blog/img/a.png"]


def test_ml204_says_when_only_relative_links_lead_home(tmp_path: Path) -> None:
    (tmp_path / "rel.md").write_text(FM + "See [the guide](/guide/) and [setup](setup.md).\n")
    (tmp_path / "none.md").write_text(FM + "See [other sites](https://other.example/).\n")
    run = medlint("check", ".", "--site-url", HOME, "--format", "json", "--select", "ML204", cwd=tmp_path)
    messages = {f["path"]: f["message"] for f in run.findings}
    worth = f" (what a link home is worth on each platform: {GUIDE})"
    assert messages == {
        "none.md": f"No link to your site {HOME}; add at least one backlink{worth}",
        "rel.md": f"No link to your site {HOME}; its 2 relative links will not lead home from Medium; "
        f"make one an absolute backlink{worth}",
    }


def test_ml406_template_tags_are_named_and_their_urls_are_not_bare_urls(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(FM + '{{video "https://www.youtube.com/embed/x"}}\n\n{{raw `\n\tcode\n`}}\n')
    run = medlint("check", "a.md", "--format", "json", cwd=tmp_path)
    assert [(f["line"], f["code"], f["message"].split(" is not")[0]) for f in run.findings] == [
        (5, "ML406", "Template tag {{video …}}"),
        (7, "ML406", "Template tag {{raw …}}"),
    ]


def test_ml209_absolute_links_into_the_site(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://example.com/\nuse_directory_urls: false\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "setup.md").write_text("# Setup\n")
    (tmp_path / "post.md").write_text(
        FM + "[ok](https://example.com/setup.html) [gone](https://www.example.com/setpu.html) "
        "[asset](https://example.com/file.pdf) [other](https://other.example/x)\n"
    )
    run = medlint("check", "post.md", "--format", "json", "--select", "ML209", cwd=tmp_path)
    assert [f["message"] for f in run.findings] == [
        "https://www.example.com/setpu.html matches nothing the site publishes; the nearest is https://example.com/setup.html",
        "https://example.com/file.pdf matches nothing the site publishes",
    ]
    assert run.findings[0]["fix"]["applicability"] == "unsafe"


def test_ml111_in_every_language_and_with_extra_words(tmp_path: Path) -> None:
    from medlint.rules.anchor_text import PLACEHOLDER_WORDS

    for lang, words in PLACEHOLDER_WORDS.items():
        word = sorted(words)[0]
        draft = tmp_path / f"{lang}.md"
        draft.write_text(f"---\ntitle: T\nlang: {lang}\n---\n\n![{word}](a.png) ![{word} 3](b.png)\n", encoding="utf-8")
        assert [f.code for f in lint_files([draft], "ML111")] == ["ML111", "ML111"], lang
    draft = tmp_path / "extra.md"
    draft.write_text("---\ntitle: T\nlang: de\n---\n\n![Aufnahme](a.png) ![Aufnahme](b.png)\n", encoding="utf-8")
    assert lint_files([draft], "ML111") == []
    settings = {"rules": {"placeholder-alt-text": {"extra_words": {"de": ["Aufnahme"]}}}}
    assert len(lint_files([draft], "ML111", settings)) == 2

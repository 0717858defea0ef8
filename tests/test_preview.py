"""``medlint preview``: the page's structure, read with an HTML parser, and the page in a real
headless Chromium (Debian's ``chromium``), with scripts on and off, at phone and desktop widths."""

from __future__ import annotations

import re
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import chromium, medlint

SITE_PAGE = "# Setting up the build\n\n" + "\n\n".join(
    f"Step {n} of the setup copies the configuration into folder {n % 5} and checks it twice before the build runs."
    for n in range(12)
)

DRAFT = (
    """---
title: A draft with everything Medium cannot show
subtitle: And what the preview makes of it
tags: [one, two]
---

# A draft with everything Medium cannot show

Read [the setup page](../docs/setup.md) and [a missing page](../docs/nowhere.md), or
[click here](https://example.com/more) and [a script](javascript:alert(1)).

![A chart](../docs/img/chart.png) and ![lost](img/lost.png)

<script>document.title = "owned"</script> <b onmouseover="alert(2)">raw</b>

#### A fourth-level heading

| Tool | Speed |
| --- | --- |
| medlint | fast |
| a naive all-pairs scan of every page against every draft | slow, measured in benchmarks/speed.py |

- one
    - nested under one
- two

A claim with a note[^1].

[^1]: The note itself.

!!! note "Careful"
    An admonition body.

```python
print("code stays code")
```

"""
    + SITE_PAGE.split("\n\n", 1)[1]
    + "\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "img").mkdir(parents=True)
    (tmp_path / "docs" / "setup.md").write_text(SITE_PAGE + "\n")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWelcome.\n")
    (tmp_path / "docs" / "img" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://example.com/\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(DRAFT)
    return tmp_path


class _Page(HTMLParser):
    """What the tests look at: the article's tags and URLs, the findings, scripts and sections."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article>
        self.articles = 0
        self.article_tags: list[str] = []
        self.article_urls: list[str] = []
        self.article_text: list[str] = []
        self.findings: list[tuple[str, int]] = []
        self.scripts = 0
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.articles += 1
            self.depth += 1
        elif self.depth:
            self.article_tags.append(tag)
            for name in ("href", "src"):
                if values.get(name) is not None:
                    self.article_urls.append(str(values[name]))
        if "data-code" in values and tag != "article":
            self.findings.append((str(values["data-code"]), int(str(values["data-line"]))))
        if tag == "script":
            self.scripts += 1
            if values.get("src"):
                self.external.append(str(values["src"]))
        if tag == "link" and values.get("href"):
            self.external.append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.depth:
            self.article_text.append(data)


def _preview(project: Path) -> tuple[str, _Page]:
    run = medlint("preview", "drafts/post.md", "-o", "out/preview.html", cwd=project)
    assert run.code == 0 and run.out.strip() == "out/preview.html", run.err
    html = (project / "out" / "preview.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    return html, page


def test_the_article_is_the_story_as_medium_takes_it(project: Path) -> None:
    html, page = _preview(project)
    assert page.articles == 1
    assert not {"h3", "h4", "h5", "h6", "table", "script", "img"} & set(page.article_tags) - {"img"}
    assert all(url.startswith(("https://", "http://", "mailto:")) for url in page.article_urls), page.article_urls
    assert "https://example.com/setup/" in page.article_urls  # the safe fix, applied
    assert "https://example.com/img/chart.png" in page.article_urls
    story = "".join(page.article_text)
    assert "A draft with everything Medium cannot show" in story and "And what the preview makes of it" in story
    assert story.count("A draft with everything Medium cannot show") == 1  # the title once, not twice
    assert "The note itself." in story and "(The note itself.)" in story  # the footnote, inlined
    assert re.search(r"Tool +Speed\n-+ +-+\nmedlint +fast\n", story)  # the table, as text
    assert "Careful" in story and "An admonition body." in story
    assert 'print("code stays code")' in story
    assert "nested under one" in story and "ul" in page.article_tags and page.article_tags.count("ul") == 1
    assert "raw" in story and "<b" not in story and "owned" not in story  # raw HTML: the words it shows
    assert page.scripts == 1 and not page.external  # the copy button's script only; nothing loaded
    assert "javascript:" not in html


def test_every_finding_of_check_is_on_the_page_with_its_code_and_line(project: Path) -> None:
    _, page = _preview(project)
    expected = sorted(
        (f["code"], f["line"]) for f in medlint("check", "drafts/post.md", "--format", "json", cwd=project).findings
    )
    assert expected and sorted(page.findings) == expected
    html, _ = _preview(project)
    for code in {code for code, _ in expected}:  # a rule's summary once, with its first finding
        assert html.count(f"<summary>About {code}</summary>") == 1, code
    assert len(expected) > len({code for code, _ in expected})  # some rule has more than one finding
    assert {"ML205", "ML206", "ML101", "ML301", "ML401", "ML402", "ML403", "ML405"} <= {code for code, _ in expected}


def test_the_duplicate_view_names_the_page_and_shows_both_passages(project: Path) -> None:
    html, page = _preview(project)
    text = " ".join(" ".join(page.text).split())
    assert "Passages this draft repeats" in text and "docs/setup.md" in text
    assert '<a href="https://example.com/setup/">' in html
    assert "Draft, lines" in text and "docs/setup.md, lines" in text
    assert html.count("<mark>copies</mark>") >= 2  # the shared words, marked on both sides
    assert "canonical link to <code>https://example.com/setup/</code>" in html
    assert '<h3 id="duplicate-1">docs/setup.md' in html  # ML301's finding links to its duplicate view
    assert re.search(r'data-code="ML301".*?<a href="#duplicate-1">See the passages it repeats</a>', html, re.DOTALL)


def test_without_o_the_page_goes_to_the_cache_folder_at_the_drafts_path(project: Path) -> None:
    for folder in ("a", "b"):  # two drafts of one name (two Hugo bundles' index.md): two previews
        (project / "drafts" / folder).mkdir()
        (project / "drafts" / folder / "index.md").write_text(f"# Draft {folder}\n\nThe body of draft {folder}.\n")
    written = []
    for name in ("drafts/post.md", "drafts/a/index.md", "drafts/b/index.md"):
        run = medlint("preview", name, cwd=project, env={"MEDLINT_CACHE_DIR": str(project / "c")})
        assert run.code == 0, run.err
        written.append(Path(run.out.strip()))
    previews = project / "c" / "previews" / "drafts"
    assert written == [previews / "post.html", previews / "a" / "index.html", previews / "b" / "index.html"]
    assert "The body of draft a." in written[1].read_text() and "The body of draft b." in written[2].read_text()


def test_a_draft_that_cannot_be_previewed_is_a_clear_error(project: Path) -> None:
    (project / "drafts" / "binary.md").write_bytes(b"\x00\x01\x02")
    for name, message in (
        ("drafts/missing.md", "not a file"),
        ("drafts/binary.md", "cannot preview drafts/binary.md: "),
    ):
        run = medlint("preview", name, "-o", "x.html", cwd=project)
        assert run.code == 2 and message in run.err and run.err.count("\n") == 1, run.err


def test_a_draft_python_markdown_cannot_render_is_a_clear_error(project: Path) -> None:
    """Python-Markdown up to 3.11.3 recurses once per definition of a definition list: a few
    hundred in a row exceed Python's stack. Whether the installed one does is asked of it; the
    preview must then be a clear error, and otherwise a preview."""
    import markdown

    chained = "Term\n:   definition\n" * 600
    (project / "drafts" / "chained.md").write_text(chained)
    try:
        markdown.markdown(chained, extensions=["def_list"])
        recurses = False
    except RecursionError:
        recurses = True
    run = medlint("preview", "drafts/chained.md", "-o", "x.html", cwd=project)
    if recurses:
        assert run.code == 2 and run.err.count("\n") == 1, run.err
        assert "cannot preview drafts/chained.md: Python-Markdown cannot render it" in run.err
    else:
        assert run.code == 0 and (project / "x.html").is_file(), run.err


def _record(bucket: list[str], request: Any) -> None:
    bucket.append(request.url)


def test_in_a_real_browser_the_story_and_findings_show_and_the_button_copies_the_article(
    project: Path, tmp_path: Path
) -> None:
    _preview(project)
    url = (project / "out" / "preview.html").as_uri()
    with chromium() as browser:
        for scripts, width in ((True, 390), (True, 1280), (False, 390), (False, 1280)):
            context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts)
            page = context.new_page()
            requests: list[str] = []  # what the page loaded (the story's images are blocked: CSP)
            page.on("requestfinished", partial(_record, requests))
            page.goto(url)
            assert page.locator("article h1").first.is_visible()
            assert page.locator("[data-code='ML301']").first.is_visible()
            assert page.locator("#copy").is_visible() is scripts
            shot = tmp_path / f"preview-{width}-{'js' if scripts else 'nojs'}.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            assert all(request.startswith("file://") for request in requests), requests
            # the page fits the phone; a table (as text) scrolls inside its block, never wraps
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            table = page.locator("article pre", has_text="Tool")
            assert table.evaluate("node => getComputedStyle(node).whiteSpace") == "pre"
            if width == 390:
                assert table.evaluate("node => node.scrollWidth > node.clientWidth")
            if scripts:
                context.grant_permissions(["clipboard-read", "clipboard-write"])
                page.bring_to_front()  # the clipboard answers a focused page only
                page.click("#copy")
                status = ""
                for _ in range(200):  # until the clipboard answers (a guard, not a timing)
                    status = page.text_content("#copy-status") or ""
                    if status:
                        break
                    page.wait_for_timeout(25)  # polled from here: the page's CSP forbids eval
                assert status.startswith("Copied"), status
                copied = page.evaluate(
                    "async () => { const [item] = await navigator.clipboard.read();"
                    " return await (await item.getType('text/html')).text(); }"
                )
                assert copied.startswith("<h1>A draft with everything Medium cannot show</h1>")
                assert "style=" not in copied and "data-line" not in copied
                assert '<a href="https://example.com/setup/">the setup page</a>' in copied
                assert "ML301" not in copied  # the story only, no finding
                assert "<pre>Tool " in copied and "&amp;amp;" not in copied
                copied_page = _Page()
                copied_page.feed(f"<article>{copied}</article>")
                shown = page.locator("article").inner_text()
                assert "".join("".join(copied_page.article_text).split()) == "".join(shown.split())  # all, no more
            context.close()


def test_a_preview_is_named_after_the_drafts_path() -> None:
    from medlint.preview import preview_name

    assert preview_name("drafts/a/post.md") == "drafts/a/post.html"
    assert preview_name("drafts\\v1.2\\post") == "drafts/v1.2/post.html"  # a dot in a folder is no suffix
    assert preview_name("../x/y.md") == "__/x/y.html"  # stays inside the previews' folder

"""Anchor text that reflects its target (ML109) and the cross-post anchor profile (ML110, ML105
across posts, ``medlint anchors``), on a small baking-and-Rust blog: three posts already
cross-posted (their front matter says where) and a new draft, in the CLI (cold and warm cache),
the MkDocs plugin (a real ``mkdocs build``), the language server (a real client over stdio), and
the HTML report in headless Chromium. The pre-commit hook's run is in ``test_precommit.py``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import chromium, medlint
from lsp_client import Client

PAGES = {
    "sourdough-starter.md": (
        "# My sourdough starter routine\n\nA sourdough starter is flour and water that wild yeast and lactic "
        "bacteria ferment. I feed mine twice a day with rye flour, keep it at room temperature, and bake when it "
        "doubles within six hours. The levain smells sour and fruity when it is ready.\n\n## Feeding schedule\n\n"
        "Discard half, add fifty grams of flour and fifty grams of water, stir, cover loosely.\n"
    ),
    "async-rust.md": (
        "# Async Rust in practice\n\nFutures in Rust do nothing until an executor polls them. Tokio is the "
        "executor most services use: it schedules tasks on a thread pool, and every await point lets another "
        "task run. Pinning keeps a future in place while it borrows from itself.\n\n## Choosing an executor\n\n"
        "Tokio for servers, smol for small tools, and a single-threaded runtime for tests.\n"
    ),
    "rust-tutorial.md": (
        "# Learning Rust the hard way\n\nThis tutorial teaches Rust from the compiler's errors up: each chapter "
        "starts from a program that does not compile and fixes it, one message at a time, until the borrow "
        "checker agrees with you.\n\n## Ownership and borrowing\n\nEvery value has one owner; references borrow "
        "it for a while.\n\n## Error handling with Result\n\nFunctions that can fail return a Result.\n"
    ),
}
CROSS_POSTED = (
    "---\ntitle: Post {name}\ncross_posted: https://medium.com/@me/post-{name}\n---\n\n# Post {name}\n\n"
    "Some words about baking and programming on a quiet weekend, with bread rising in the kitchen while the "
    "compiler complains about lifetimes in the other room, as it always does on Sundays. Read the "
    "[best rust tutorial](https://bake.example/rust-tutorial/) or the "
    "[kitchen notes](https://bake.example/sourdough-starter/).\n"
)
DRAFT = (
    "# A new draft\n\nSome words about a weekend of baking and programming.\n\n"
    "Start with the [best rust tutorial](https://bake.example/rust-tutorial/), then\n"
    "[a guide to async Rust](https://bake.example/sourdough-starter/) and\n"
    "[my sourdough starter routine](https://bake.example/sourdough-starter/), and the\n"
    "[kitchen notes](https://bake.example/async-rust/).\n"
)
RULES = "ML105,ML109,ML110"


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "posts").mkdir(parents=True)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Bake\nsite_url: https://bake.example/\nplugins:\n  - medlint:\n      check: drafts\n"
    )
    for name, text in PAGES.items():
        (tmp_path / "docs" / name).write_text(text)
    for name in ("a", "b", "c"):
        (tmp_path / "docs" / "posts" / f"{name}.md").write_text(CROSS_POSTED.format(name=name))
    (tmp_path / "drafts" / "new.md").write_text(DRAFT)
    return tmp_path


def _findings(blog: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    run = medlint("check", "--format", "json", "--select", RULES, *args, "drafts/new.md", cwd=blog)
    assert run.code == 0, run.err  # warnings only
    return json.loads(run.out)


def test_a_text_aimed_at_the_wrong_page_is_ml109_naming_the_page_it_describes(blog: Path) -> None:
    findings = [finding for finding in _findings(blog) if finding["code"] == "ML109"]
    by_line = {finding["line"]: finding for finding in findings}
    wrong = by_line[6]
    assert (
        '"a guide to async Rust" does not describe its target https://bake.example/sourdough-starter/'
        in (wrong["message"])
    )
    assert '("My sourdough starter routine")' in wrong["message"]
    assert 'it describes "Async Rust in practice" (https://bake.example/async-rust/) better' in wrong["message"]
    assert wrong["fix"] == {
        "applicability": "unsafe",
        "edits": [{"line": 6, "column": 2, "end_line": 6, "end_column": 23, "content": "My sourdough starter routine"}],
    }
    assert 7 not in by_line  # the target's own title, and a text it holds, are not flagged


def test_the_fix_writes_the_targets_title(blog: Path) -> None:
    run = medlint("check", "--select", "ML109", "--fix", "--unsafe-fixes", "drafts/new.md", cwd=blog)
    assert "Fixed" in run.out, run.out + run.err
    text = (blog / "drafts" / "new.md").read_text()
    assert "[My sourdough starter routine](https://bake.example/sourdough-starter/) and" in text
    assert "[a guide to async Rust]" not in text


def test_one_text_taking_the_links_to_a_page_across_cross_posts_is_ml110_with_the_profile(blog: Path) -> None:
    findings = [finding for finding in _findings(blog) if finding["code"] == "ML110"]
    assert [finding["line"] for finding in findings] == [5]
    message = findings[0]["message"]
    assert message.startswith(
        '4 of 4 links to https://bake.example/rust-tutorial/ across your cross-posts say "best rust tutorial"'
    )
    # texts the other posts have not used: the title, then headings
    assert 'vary it, for example "Learning Rust the hard way", "Ownership and borrowing"' in message
    assert sorted(related["path"] for related in findings[0]["related"]) == [
        "docs/posts/a.md",
        "docs/posts/b.md",
        "docs/posts/c.md",
    ]


def test_the_texts_ml110_suggests_leave_out_a_headings_attribute_list(blog: Path) -> None:
    """A site whose Markdown reads attribute lists (``attr_list``): a heading's ``{ #id }`` is no
    part of the text suggested for a link to its page."""
    settings = blog / "mkdocs.yml"
    settings.write_text(settings.read_text() + "markdown_extensions:\n  - attr_list\n  - toc\n")
    tutorial = blog / "docs" / "rust-tutorial.md"
    tutorial.write_text(
        tutorial.read_text().replace("## Ownership and borrowing", "## Ownership and borrowing { #own }")
    )
    [finding] = [finding for finding in _findings(blog) if finding["code"] == "ML110"]
    assert 'vary it, for example "Learning Rust the hard way", "Ownership and borrowing",' in finding["message"]
    assert "{" not in finding["message"]


def test_posts_that_do_not_say_they_were_cross_posted_are_not_in_the_profile(blog: Path) -> None:
    for name in ("a", "b", "c"):
        post = blog / "docs" / "posts" / f"{name}.md"
        post.write_text(post.read_text().replace("cross_posted:", "syndication_note:"))
    assert [finding for finding in _findings(blog) if finding["code"] in ("ML110", "ML105")] == []


def test_one_text_for_two_pages_across_cross_posts_is_ml105(blog: Path) -> None:
    findings = [finding for finding in _findings(blog) if finding["code"] == "ML105"]
    assert len(findings) == 1 and findings[0]["line"] == 8
    assert (
        "points to https://bake.example/async-rust/ here but to https://bake.example/sourdough-starter/ in "
        in (findings[0]["message"])
    )
    assert findings[0]["related"][0]["path"].startswith("docs/posts/")


def test_the_warm_cache_gives_the_same_findings(blog: Path) -> None:
    """The site index keeps each page's terms and their postings in the cache: a second run reads
    them from it, and judges the same."""
    cache = {"MEDLINT_CACHE_DIR": str(blog / ".cache")}
    cold = medlint("check", "--format", "json", "--select", RULES, "drafts/new.md", cwd=blog, env=cache)
    assert list((blog / ".cache").rglob("*")), "nothing was cached"
    warm = medlint("check", "--format", "json", "--select", RULES, "drafts/new.md", cwd=blog, env=cache)
    assert json.loads(cold.out) == json.loads(warm.out) and len(json.loads(warm.out)) == 4


def test_anchors_shows_every_target_with_its_texts_shares_and_kinds(blog: Path) -> None:
    run = medlint("anchors", "--format", "json", cwd=blog)
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["documents"] == 4
    first = report["targets"][0]  # most-linked first
    assert (first["url"], first["links"]) == ("https://bake.example/sourdough-starter/", 5)
    assert [(text["text"], text["count"], text["kind"], text["overused"]) for text in first["texts"]] == [
        ("kitchen notes", 3, "other", True),
        ("a guide to async Rust", 1, "other", False),
        ("my sourdough starter routine", 1, "exact title", False),
    ]
    tutorial = next(target for target in report["targets"] if target["url"].endswith("/rust-tutorial/"))
    assert tutorial["kinds"] == {"partial match": 4}
    assert {source["draft"] for source in tutorial["sources"]} == {True, False}
    text = medlint("anchors", cwd=blog).out
    assert 'https://bake.example/rust-tutorial/ "Learning Rust the hard way": 4 links' in text
    assert "    4  100%  best rust tutorial  (partial match)  overused" in text


def test_an_empty_profile_says_what_the_profile_reads(blog: Path) -> None:
    """No draft and no post that says it was cross-posted: the report says where the profile's
    links come from, rather than only counting none."""
    (blog / "drafts" / "new.md").unlink()
    settings = blog / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("      check: drafts\n", ""))
    for name in ("a", "b", "c"):
        post = blog / "docs" / "posts" / f"{name}.md"
        post.write_text(post.read_text().replace("cross_posted:", "syndication_note:"))
    run = medlint("anchors", cwd=blog)
    assert run.code == 0, run.err
    assert run.out.startswith("0 pages linked from 0 documents.\nThe profile reads the drafts")
    assert "cross_posted: or medium_url:" in run.out


def test_anchors_without_a_site_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("# D\n\n[x y](https://a.example/)\n")
    run = medlint("anchors", "d.md", cwd=tmp_path)
    assert run.code == 2 and "links to the site's pages" in run.err and "Traceback" not in run.err


def _record_dialog(bucket: list[str], dialog: Any) -> None:
    bucket.append(dialog.message)


def test_the_html_report_shows_a_chart_per_target_in_a_real_browser(blog: Path, tmp_path: Path) -> None:
    out = tmp_path / "anchors.html"
    (blog / "docs" / "posts" / "a.md").write_text(
        CROSS_POSTED.format(name="a").replace("kitchen notes", 'kitchen "notes" & co <3')
    )
    run = medlint("anchors", "--format", "html", "-o", str(out), cwd=blog)
    assert run.code == 0, run.err
    with chromium() as browser:
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            dialogs: list[str] = []
            page.on("dialog", partial(_record_dialog, dialogs))
            page.goto(out.as_uri())
            sections = page.locator("section.target")
            assert sections.count() == 3
            first = sections.nth(0)
            assert first.get_attribute("data-url") == "https://bake.example/sourdough-starter/"
            bars = first.locator("li.text .bar")
            assert bars.count() == 4 and bars.nth(0).is_visible()
            widths = [bars.nth(number).evaluate("node => node.getBoundingClientRect().width") for number in range(4)]
            assert widths[0] > widths[1] > 0  # 2 of 5, then 1 of 5 each
            tutorial = page.locator("section.target[data-url$='/rust-tutorial/']")
            assert tutorial.locator("li.text.overused .label").inner_text() == "best rust tutorial"
            assert 'kitchen "notes" & co <3' in page.locator("body").inner_text()  # escaped, shown as written
            assert dialogs == []
            assert page.evaluate("document.documentElement.scrollWidth") <= width  # fits a phone
            page.close()


def test_the_plugin_logs_the_rules_as_build_warnings(blog: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(blog / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, cwd=blog,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "MEDLINT_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    said = " ".join(done.stderr.split())
    assert "ML110" in said and "4 of 4 links to https://bake.example/rust-tutorial/" in said
    assert "ML109" in said and "a guide to async Rust" in said


def test_the_server_updates_the_profile_as_the_drafts_links_change(blog: Path) -> None:
    client = Client(blog, {**os.environ, "MEDLINT_CACHE_DIR": str(blog / ".cache")})
    try:
        client.request("initialize", {"processId": os.getpid(), "rootUri": blog.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        uri = (blog / "drafts" / "new.md").as_uri()
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}},
        )
        assert {"ML109", "ML110", "ML105"} <= {diagnostic["code"] for diagnostic in client.diagnostics(uri)}
        varied = DRAFT.replace("best rust tutorial", "my Rust tutorial")
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": varied}]},
        )
        assert "ML110" not in {
            diagnostic["code"] for diagnostic in client.diagnostics(uri)
        }  # the draft no longer adds to it
    finally:
        if client.process.poll() is None:
            client.process.kill()


def test_the_servers_profile_is_the_folders_and_a_saved_draft_updates_the_others(blog: Path) -> None:
    """``medlint.anchors`` gives the folder's profile; saving one draft re-checks every open one."""
    other = blog / "drafts" / "other.md"
    other.write_text("# Other\n\nAgain the [best rust tutorial](https://bake.example/rust-tutorial/).\n")
    client = Client(blog, {**os.environ, "MEDLINT_CACHE_DIR": str(blog / ".cache")})
    try:
        client.request("initialize", {"processId": os.getpid(), "rootUri": blog.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        uri = other.as_uri()
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": other.read_text()}},
        )
        said = [d["message"] for d in client.diagnostics(uri) if d["code"] == "ML110"]
        assert said and said[0].startswith("5 of 5 links to https://bake.example/rust-tutorial/")

        def tutorial() -> dict[str, Any]:
            profile = client.request("workspace/executeCommand", {"command": "medlint.anchors", "arguments": [uri]})
            assert profile["documents"] == 5  # two drafts, three cross-posted posts
            return next(t for t in profile["targets"] if t["url"] == "https://bake.example/rust-tutorial/")

        assert [(t["text"], t["count"], t["overused"]) for t in tutorial()["texts"]] == [
            ("best rust tutorial", 5, True)
        ]
        new = blog / "drafts" / "new.md"
        new.write_text(DRAFT.replace("best rust tutorial", "my Rust tutorial"))  # saved by the editor
        client.notify("textDocument/didSave", {"textDocument": {"uri": new.as_uri()}})
        said = [d["message"] for d in client.diagnostics(uri) if d["code"] == "ML110"]
        assert said and said[0].startswith("4 of 5 links to https://bake.example/rust-tutorial/"), said
        texts = {t["text"]: t["count"] for t in tutorial()["texts"]}
        assert texts == {"best rust tutorial": 4, "my Rust tutorial": 1}
    finally:
        if client.process.poll() is None:
            client.process.kill()


def test_the_other_drafts_links_are_cached_and_read_again_when_a_draft_changes(blog: Path) -> None:
    """The profile keeps each other draft's links in the cache by its file's stamp: a warm check
    gives the same profile, and a changed draft is read again."""
    other = blog / "drafts" / "other.md"
    other.write_text("# Other\n\nAgain the [best rust tutorial](https://bake.example/rust-tutorial/).\n")
    env = ("--select", "ML110")

    def said() -> list[str]:
        return [f["message"][:10] for f in _findings(blog, *env) if f["code"] == "ML110"]

    assert said() == ["5 of 5 lin"]
    assert said() == ["5 of 5 lin"]  # warm
    other.write_text("# Other\n\nAgain [my Rust tutorial](https://bake.example/rust-tutorial/).\n")
    assert said() == ["4 of 5 lin"]


def test_cross_posted_may_be_a_list_or_a_mapping_of_platforms(blog: Path) -> None:
    """``cross_posted:`` as a list of URLs, or a mapping of platform to URL, says the same."""
    forms = {
        "b": "cross_posted:\n  - https://medium.com/@me/post-b\n  - https://dev.to/me/post-b",
        "c": "cross_posted:\n  medium: https://medium.com/@me/post-c\n  devto: https://dev.to/me/post-c",
    }
    for name, form in forms.items():
        post = blog / "docs" / "posts" / f"{name}.md"
        post.write_text(post.read_text().replace(f"cross_posted: https://medium.com/@me/post-{name}", form))
    findings = [finding for finding in _findings(blog) if finding["code"] == "ML110"]
    assert [finding["message"][:10] for finding in findings] == ["4 of 4 lin"]

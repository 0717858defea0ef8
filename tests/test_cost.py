"""Parsing and rules stay linear in a file's size, for hostile inputs too: doubling a generated
input must not much more than double the work. Work is counted as Python function calls (with
``sys.setprofile``), which is the same on every run and machine, not timed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.config import Config
from medlint.context import Context
from medlint.document import parse_document
from medlint.document.dialect import Dialect
from medlint.engine import check
from medlint.generators import generator_named
from medlint.rules import RULES
from medlint.site import Site

HOSTILE: dict[str, Callable[[int], str]] = {
    "brackets": lambda n: "[" * n,
    "closed brackets": lambda n: "[a]" * n,
    "image openers": lambda n: "![a](" * n,
    "link openers": lambda n: "[a](" * n,
    "references": lambda n: (
        "\n".join(f"[l{i}][r{i}]" for i in range(n))
        + "\n\n"
        + "\n".join(f"[r{i}]: http://a.example/{i}" for i in range(n))
    ),
    "quotes": lambda n: ">" * n,
    "list markers": lambda n: "- " * n,
    "list nesting": lambda n: "\n".join(" " * (2 * (i % 40)) + "- x" for i in range(n)),
    "emphasis": lambda n: "*a _b " * n,
    "backticks": lambda n: "`a ``b " * n,
    "html links": lambda n: '<a href="x">' * n,
    "autolinks": lambda n: "<http://a" * n,
    "generator tags": lambda n: '[a]({{< ref "' * n,
}
DIALECTS = {
    "commonmark": generator_named("hugo").dialect({}),
    "python-markdown": Dialect.of_markdown_extensions(["pymdownx.tabbed", "md_in_html", "attr_list", "footnotes"]),
}


def _calls(work: Callable[[], object]) -> int:
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def _lint(text: str, dialect: Dialect) -> object:
    doc = parse_document(text, "draft.md", dialect=dialect)
    site = Site(None, generator_named("folder"), "https://a.example/")
    rules = [rule for rule in RULES.values() if not rule.needs_corpus]
    return check(doc, Context(site), Config(root=Path(".")), rules)


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_doubling_a_hostile_input_about_doubles_the_work(shape: str, dialect: str) -> None:
    make, reading = HOSTILE[shape], DIALECTS[dialect]
    assert 1.9 < len(make(400)) / len(make(200)) < 2.1  # the input itself doubles
    small, large = (_calls(lambda n=n: _lint(make(n), reading)) for n in (200, 400))
    assert large <= 2.5 * small, f"{shape}: {small} calls for n, {large} for 2n"


@settings(max_examples=8, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(["[", "](", "![", "`", "*", "<a ", '{{< ref "', "\n- ", "> ", "[^1]"]), min_size=3, max_size=8
    )
)
def test_any_mix_of_openers_stays_linear(pieces: list[str]) -> None:
    text = "".join(pieces)
    small, large = (_calls(lambda n=n: _lint(text * n, DIALECTS["python-markdown"])) for n in (60, 120))
    assert large <= 2.6 * small, f"{pieces!r}: {small} calls for n, {large} for 2n"


STORIES: dict[str, Callable[[int], str]] = {
    "paragraphs": lambda n: "\n\n".join(f"the same start {i}" for i in range(n)),
    "tabs": lambda n: "\n\n".join(f'=== "the tab {i}"\n\n    the body {i}' for i in range(n)),
    "shortcodes": lambda n: '{{< gist a b >}} {{< ref "' * n,
}


@pytest.mark.parametrize("shape", sorted(STORIES))
def test_the_preview_story_stays_linear(shape: str) -> None:
    """The story is rendered by Python-Markdown (linear, not ours to prove) and its blocks are put
    back on their source lines: that mapping, for blocks that share their first word, too."""
    from medlint.generators.embeds import expand_hugo
    from medlint.story import _starts
    from medlint.story.render import render_python_markdown

    def story(n: int) -> object:
        text = expand_hugo(STORIES[shape](n), lambda reference: None)
        rendered = render_python_markdown(text, "", ["pymdownx.tabbed"])
        unmatched = [("", f"the {i} nowhere") for i in range(n)]  # blocks no line shows
        return _starts(unmatched + rendered, text.split("\n"), 0)

    small, large = (_calls(lambda n=n: story(n)) for n in (150, 300))
    assert large <= 2.5 * small, f"{shape}: {small} calls for n, {large} for 2n"


@pytest.mark.parametrize("opener", ["[", "![a](", "[a]["])
def test_the_story_renders_unclosed_links_in_linear_time(opener: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python-Markdown scans from each unclosed ``[`` to its paragraph's end (n squared); the story
    bounds those scans. Work is counted as lines Python-Markdown's link patterns execute."""
    import markdown.inlinepatterns

    from medlint.story import render

    monkeypatch.setattr(render, "LINK_SCAN_FLOOR", 0)  # the bound from the first character
    watched = markdown.inlinepatterns.__file__

    def lines(n: int) -> int:
        count = 0

        def trace(frame: Any, event: str, arg: object) -> Any:
            nonlocal count
            if frame.f_code.co_filename != watched:
                return None
            if event == "line":
                count += 1
            return trace

        sys.settrace(trace)
        try:
            render.render_python_markdown(opener * n, "", None)
        finally:
            sys.settrace(None)
        return count

    small, large = lines(250), lines(500)
    assert large <= 2.5 * small, f"{opener}: {small} lines for n, {large} for 2n"


def test_deeply_nested_tabs_cost_what_ten_levels_do() -> None:
    """pymdownx.tabbed's time grows about 1.7 times a level; the story renders tabs deeper than ten
    levels at the tenth, so twenty levels cost a few times what ten do, not 200 times."""
    from medlint.story.render import render_python_markdown

    def chain(depth: int) -> int:
        text = "\n".join("    " * level + f'=== "level {level}"\n' for level in range(depth))
        return _calls(lambda: render_python_markdown(text, "", ["pymdownx.tabbed", "pymdownx.superfences"]))

    chain(1)  # the extensions imported first, outside the count
    ten, twenty = chain(10), chain(20)
    assert twenty <= 8 * ten, f"{ten} calls for 10 levels, {twenty} for 20"


SETTINGS_FILES: dict[str, tuple[str, Callable[[int], str]]] = {
    "docusaurus plugin entries left open": (
        "docusaurus.config.js",
        lambda n: (
            "module.exports = { url: 'https://d.example', plugins: [" + "['@docusaurus/plugin-content-blog', {" * n
        ),
    ),
    "astro collections left open": (
        "src/content.config.ts",
        lambda n: "const c = defineCollection({ loader: glob({ base: 'x'" * n,
    ),
    "unclosed comments and strings": ("docusaurus.config.js", lambda n: "/* ' \" ` {" * n),
}


@pytest.mark.parametrize("shape", sorted(SETTINGS_FILES))
def test_a_hostile_javascript_settings_file_is_read_in_linear_time(shape: str, tmp_path: Path) -> None:
    """A settings file read as text costs time linear in its size, however many declarations it
    leaves open (each is scanned to its closing brace, so only the first few are read)."""
    from medlint.generators import open_site

    name, make = SETTINGS_FILES[shape]
    (tmp_path / "astro.config.mjs").write_text("export default { site: 'https://a.example' };\n")
    (tmp_path / "docusaurus.config.js").write_text("module.exports = { url: 'https://d.example' };\n")

    def read(n: int) -> Callable[[], object]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(make(n))
        return lambda: open_site(
            tmp_path, use_cache=False, generator=name.split(".")[0].replace("src/content", "astro")
        ).entries()

    small, large = _calls(read(400)), _calls(read(800))
    assert large < 2.5 * small, f"{shape}: {small} -> {large} calls"


class _Scanning:
    """A compiled pattern that adds up how much text its searches were given."""

    def __init__(self, pattern: Any) -> None:
        self.pattern, self.scanned = pattern, 0

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self.scanned += max(min(endpos, len(text)) - pos, 0)
        return self.pattern.search(text, pos, endpos)


@pytest.mark.parametrize("shape", ["a\n# b\n", "a\n- b\n", "a\n> b\n", "a\n" + "b\n" * 3])
def test_the_setext_shortcut_scans_linearly(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paragraphs that no blank line separates: each paragraph's look for an underline stops at
    the lookahead, or the whole would be scanned again from every paragraph."""
    from medlint.document import parser

    scanned = []
    for n in (2000, 4000):  # well past the lookahead
        blank, underline = _Scanning(parser._BLANK_LINE), _Scanning(parser._LINE_ENDING_IN_AN_UNDERLINE)
        monkeypatch.setattr(parser, "_BLANK_LINE", blank)
        monkeypatch.setattr(parser, "_LINE_ENDING_IN_AN_UNDERLINE", underline)
        parse_document(shape * n, "draft.md")
        scanned.append(blank.scanned + underline.scanned)
    assert scanned[0] > 0
    assert scanned[1] <= 2.2 * scanned[0], f"{scanned[0]} characters scanned for n, {scanned[1]} for 2n"


@settings(max_examples=200, deadline=None)
@given(count=st.integers(0, 5000), workers=st.integers(2, 4))
def test_the_pool_chunks_cover_every_item_in_order_and_shrink(count: int, workers: int) -> None:
    """The last chunks are small (no core idles long on another's last), and none is over a
    share of the whole."""
    from medlint.parallel import _shrinking_chunks

    chunks = _shrinking_chunks(range(count), workers)
    assert [item for chunk in chunks for item in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert all(size <= max(count // (2 * workers), count // (16 * workers), 1) for size in sizes)
    assert not sizes or sizes[-1] <= max(count // (16 * workers), 1)


def test_a_run_looks_at_each_page_of_an_mkdocs_site_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page list's cache stamp and the page index look at a page's file once between them
    (each looked at every page: twice the system calls of a run against a large site)."""
    import os

    from medlint.generators import open_site
    from medlint.similarity import SimilaritySettings, compare

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nsite_url: https://s.example/\n")
    for number in range(20):
        (tmp_path / "docs" / f"page-{number}.md").write_text(f"# Page {number}\n\nWords of page {number}.\n")
        past = 1_600_000_000  # long before the cache is written: not "racily clean"
        os.utime(tmp_path / "docs" / f"page-{number}.md", (past, past))
    draft = parse_document("# Draft\n\nA draft of words.\n", str(tmp_path / "draft.md"))
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    compare([draft], open_site(tmp_path), SimilaritySettings())  # fills the caches
    looked: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(
        os, "stat", lambda path, *args, **kwargs: looked.append(str(path)) or real_stat(path, *args, **kwargs)
    )
    report = compare([draft], open_site(tmp_path), SimilaritySettings())
    assert report.titles is not None and len(report.titles.titles) == 20
    pages = [page for page in looked if page.endswith(".md") and "page-" in page]
    assert len(set(pages)) == 20 and len(pages) == 20


def test_a_check_leaves_no_more_cycles_for_more_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI runs a check with the cyclic collector off: that holds only while the objects left
    in cycles do not grow with the drafts checked."""
    import contextlib
    import gc
    import io
    import shutil

    from conftest import ROOT

    from medlint import cli, parallel

    site = tmp_path / "site"
    shutil.copytree(ROOT / "example-site", site)
    drafts = sorted((site / "drafts").glob("*.md"))
    for count in (2, 40):
        folder = tmp_path / f"drafts-{count}"
        folder.mkdir()
        for n in range(count):
            text = drafts[n % len(drafts)].read_text(encoding="utf-8")
            (folder / f"{n}.md").write_text(f"{text}\n\nA sentence of draft {n} alone.\n", encoding="utf-8")
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(parallel, "_forking", False)  # the cycles of this process are counted

    def cycles_left(folder: Path) -> int:
        gc.collect()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert cli.main(["check", str(folder), "--site", str(site), "--format", "json"]) == 1
        return gc.collect()

    enabled = gc.isenabled()
    gc.disable()
    try:
        cycles_left(tmp_path / "drafts-2")  # imports and first-use caches
        few, many = cycles_left(tmp_path / "drafts-2"), cycles_left(tmp_path / "drafts-40")
    finally:
        if enabled:
            gc.enable()
    assert few > 0  # the argument parser's own cycles: the count is real
    assert many - few < 38, (few, many)


BUILT_PAGES: dict[str, Callable[[int], str]] = {
    "nested elements": lambda n: "<article>" + "<div>" * n + "</span>" * n,
    "end tags of nothing": lambda n: "<main>" + "</div>" * n,
    "unclosed paragraphs": lambda n: "<article>" + "<p>a" * n,
    "side by side articles": lambda n: "<article>a</article>" * n,
    "nested code": lambda n: "<main>" + "<code>a\n" * n,
    "code tables": lambda n: "<article>" + "<table><tr><td><pre>1</pre></td></tr></table>" * n,
    "unclosed attribute quotes": lambda n: '<main><img alt="' + "<img src=x " * n,
    "comment openers": lambda n: "<main>" + "<!-- a " * n,
    "script openers": lambda n: "<main>" + "<script>a<b " * n,
    "headings with permalinks": lambda n: "<article>" + '<h2 id="a">A<a href="#a">#</a></h2>' * n,
    "meta tags": lambda n: "<head>" + '<meta property="og:x" content="y">' * n + "</head><article>a</article>",
    "findings on one line": lambda n: "<article>" + '<img data-src="a.png">' * n,
    "findings on many lines": lambda n: "<article>" + '<img data-src="a.png">\n' * n,
    "navigation": lambda n: "<article>" + "<nav><nav><a href=x>a</a>" * n,
}


@pytest.mark.parametrize("shape", sorted(BUILT_PAGES))
def test_a_hostile_built_page_is_checked_in_linear_time(shape: str) -> None:
    """A built page is untrusted input too (``medlint import-check``): its reading and every
    Import rule, and the plugin's tag writing, cost about twice as much for twice the page."""
    from medlint.built_page import parse_built_page
    from medlint.import_check import PageFacts, check_page, with_import_tags

    rules = [rule for rule in RULES.values() if rule.built_page]
    site = Site(None, generator_named("folder"), "https://a.example/")
    facts = PageFacts("T", "D", "https://a.example/t/")

    def work(n: int) -> object:
        text = BUILT_PAGES[shape](n)
        page = parse_built_page(text, "page.html")
        return check_page(page, rules, Config(root=Path(".")), Context(site)), with_import_tags(text, facts)

    assert len(BUILT_PAGES[shape](400)) > 1.9 * len(BUILT_PAGES[shape](200))
    small, large = (_calls(lambda n=n: work(n)) for n in (200, 400))
    assert large <= 2.5 * small, f"{shape}: {small} calls for n, {large} for 2n"

"""Property tests: any text, however hostile, gives a model and findings, never an exception,
and every position a finding names is inside the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.config import Config
from medlint.context import Context
from medlint.document import Document, parse_document
from medlint.engine import check, reading_problems
from medlint.findings import Finding
from medlint.generators import open_site
from medlint.rules import RULES
from medlint.similarity import compare
from medlint.site import Site

FRAGMENTS = [
    "[", "]", "(", ")", "![", "](", "<", ">", "<a href='x'>", "<a href=\"https://a.example\">", "</a>", "<br>",
    "<details>", "<!--", "-->", "<!-- medlint-disable ML101 -->", "<!-- medlint-enable -->",
    "<!-- medlint-disable-next-line -->", "<!-- medlint-disable-file ML2 -->", "`", "```", "~~~", "    ",
    "\n", "\n\n", "\r\n", "\r", "\t", "> ", "- ", "* ", "1. ", "- [ ] ", "# ", "#### ", "|", "| --- |", "---",
    "+++", "***", "title: ", "tags: [", "canonical_url: ", ": ", "\"", "'", "[^1]", "[^1]: ", "!!! note ",
    "??? tip", "{: .class}", "$$", "\\(", "\\)", "*", "_", "**", "https://", "http://a.example/x", "www.a.b",
    "medlint.example.com/p/", "[here](https://a.example)", "[x][ref]", "[ref]: https://a.example/r",
    "[link](../page.md)", "<https://a.example>", "--8<-- \"x.md\"", "Term\n:   Definition", "é", "中文",
    "\u200b", "\u00a0", "😀", "\ufeff", "\\", "&amp;", "&#x0;", "=", "==", "{", "}", "click here",
]  # fmt: skip

markdown = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=60).map("".join)
front_matter = st.one_of(
    st.just(""),
    st.builds(lambda body: f"---\n{body}\n---\n", markdown),
    st.builds(lambda body: f"+++\n{body}\n+++\n", markdown),
    st.builds(lambda title, tags: f"---\ntitle: {title}\ntags: {tags}\n---\n", st.text(max_size=30), markdown),
)
documents = st.builds(lambda head, body: head + body, front_matter, markdown)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("site")
    (folder / "docs").mkdir()
    (folder / "mkdocs.yml").write_text("site_name: S\nsite_url: https://medlint.example.com/\n")
    (folder / "docs" / "index.md").write_text("# Home\n\nWords about click here and links and pages.\n")
    (folder / "docs" / "page.md").write_text("# Page\n\n" + "A sentence of prose about drafts. " * 40 + "\n")
    return open_site(folder)


def _every_rule(doc: Document, site: Site | None, documents: list[Document]) -> list[Finding]:
    """Every rule's findings on ``doc``: the engine's own (reading), the document rules, then the
    corpus rules over a comparison of ``documents``."""
    config, context = Config(root=Path(".")), Context(site)
    corpus = compare(documents, site, config.duplicates, use_cache=False, page_memo={})
    for _, problem in reading_problems(doc):
        assert 1 <= problem.line <= len(doc.lines)
    return check(doc, context, config, RULES.values(), corpus)


def _positions_inside(text: str, findings: list) -> None:  # type: ignore[type-arg]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for finding in findings:
        assert 1 <= finding.line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding
        assert finding.line <= finding.end_line <= len(lines), finding
        if finding.end_line == finding.line:
            assert finding.column <= finding.end_column <= len(lines[finding.end_line - 1]) + 1, finding


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents)
def test_any_text_gives_a_model_and_findings_inside_the_file(text: str, site: Site) -> None:
    doc = parse_document(text, "draft.md")
    for link in doc.links:
        assert 1 <= link.line <= len(doc.lines)
    _positions_inside(text, _every_rule(doc, site, [doc, parse_document(text, "twin.md")]))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("[]()<>!`*_-#>|: \n\t\\{}$^+="), max_size=400))
def test_punctuation_soup_never_raises(text: str) -> None:
    doc = parse_document(text, "soup.md")
    _positions_inside(text, _every_rule(doc, None, [doc]))


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["https://a.example/", "https://www.A.example:443/blog/", "http://a.example:8080/x y/", "/"]),
    st.text(st.sampled_from(list("ab/.-_%7E4 ?#:Xindexmdhtml\t\r\né")), max_size=30),
)
def test_a_page_key_is_the_normalized_url_of_its_path(base: str, path: str) -> None:
    """The site's page keys, with the base split once, equal ``normalize`` of the whole URL."""
    from medlint import urls

    assert urls.page_keys(base)(path) == urls.normalize(base + path)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_ascii_link_text_normalizes_as_by_unicode_categories(text: str) -> None:
    from medlint.rules.anchor_text import normalize_any_text, normalize_text

    assert normalize_text(text) == normalize_any_text(text)


def _block_parsers():  # type: ignore[no-untyped-def]
    """markdown-it with medlint's block plugins, once as it comes and once with the setext rule
    skipped where no underline can follow (as medlint's parser has it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    from medlint.document.parser import _only_above_an_underline

    made = []
    for shortcut in (False, True):
        md = MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(admon_plugin).use(deflist_plugin)
        if shortcut:
            setext = next(rule.fn for rule in md.block.ruler.__rules__ if rule.name == "lheading")
            md.block.ruler.at("lheading", _only_above_an_underline(setext))
        made.append(md)
    return made


def _tokens(md, text: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(token.type, token.tag, token.map, token.markup, token.content, token.level) for token in md.parse(text)]


SETEXT_FRAGMENTS = ["Title", "\n", "\n\n", "=", "===", "-", "---", " ---  ", "> ", "- ", "1. ", "    ", "\t", "| a |",
                    "!!! note\n    ", "Term\n:   ", "[^1]: ", "```", "<div>", "# ", "text", "  ", "= x", "-- -"]  # fmt: skip


@pytest.mark.parametrize("lookahead", [5, 2000])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(SETEXT_FRAGMENTS), max_size=40).map("".join))
def test_the_setext_shortcut_parses_as_markdown_it_does(text: str, lookahead: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Also with a lookahead of a few characters, where most paragraphs reach past it."""
    from medlint.document import parser

    monkeypatch.setattr(parser, "SETEXT_LOOKAHEAD", lookahead)
    plain, shortcut = _block_parsers()
    assert _tokens(shortcut, text) == _tokens(plain, text)


def test_the_setext_shortcut_parses_the_corpus_as_markdown_it_does() -> None:
    from conftest import CORPUS

    files = sorted(CORPUS.rglob("*.md"))[::4] if CORPUS.is_dir() else []
    if not files:
        pytest.skip(f"no corpus at {CORPUS}")
    plain, shortcut = _block_parsers()
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        assert _tokens(shortcut, text) == _tokens(plain, text), file.name


def _text_stop_parsers(syntaxes: tuple, python_markdown: bool):  # type: ignore[no-untyped-def]
    """medlint's parser, once with markdown-it's own text stops and once with medlint's."""
    from markdown_it import MarkdownIt

    from medlint.document.parser import _parser

    narrowed, default = _parser.__wrapped__(syntaxes, python_markdown), _parser.__wrapped__(syntaxes, python_markdown)
    if not hasattr(default.inline, "terminator_re"):
        pytest.skip("this markdown-it-py has no text stops to set (before 4.1)")
    default.inline.terminator_re = MarkdownIt("commonmark").inline.terminator_re
    assert narrowed.inline.terminator_re.pattern != default.inline.terminator_re.pattern
    return default, narrowed


def _all_tokens(md, text: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    found = []
    for token in md.parse(text):
        for item in (token, *(token.children or ())):
            found.append((item.type, item.tag, item.content, item.markup, item.map, sorted(item.attrs.items()),
                          item.meta.get("span"), item.level))  # fmt: skip
    return found


INLINE_ALPHABET = st.sampled_from([*"[]()<>!`*_~^&\\#$%+-:=@{}|'\"/.,; \t\nax1é", "https://", "&amp;", "[^1]",
                                   "{{< ref \"a.md\" >}}", "<a href='x'>", "](", "[x]: /y"])  # fmt: skip


@pytest.mark.parametrize("python_markdown", [False, True])
@settings(max_examples=400, deadline=None)
@given(text=st.lists(INLINE_ALPHABET, max_size=60).map("".join))
def test_the_text_stops_parse_as_markdown_it_does(text: str, python_markdown: bool) -> None:
    """The text rule stopping only where an enabled rule can start gives the very tokens, spans
    and links that markdown-it's own stops give."""
    from medlint.generators import BY_NAME

    syntaxes = BY_NAME["hugo"].dialect({}).link_syntaxes if python_markdown else ()
    default, narrowed = _text_stop_parsers(syntaxes, python_markdown)
    assert _all_tokens(narrowed, text) == _all_tokens(default, text)


def test_the_text_stops_parse_the_corpus_as_markdown_it_does() -> None:
    from conftest import CORPUS

    files = sorted(CORPUS.rglob("*.md"))[::3] if CORPUS.is_dir() else []
    if not files:
        pytest.skip(f"no corpus at {CORPUS}")
    default, narrowed = _text_stop_parsers((), False)
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        assert _all_tokens(narrowed, text) == _all_tokens(default, text), file.name

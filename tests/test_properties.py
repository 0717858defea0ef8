"""Property tests: any text, however hostile, gives a model and findings, never an exception,
and every position a finding names is inside the file."""

from __future__ import annotations

from pathlib import Path

import eval_dialect
import pytest
from conftest import shared_or_skip
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from medlint.config import Config
from medlint.context import Context
from medlint.document import Document, parse_document
from medlint.engine import check, reading_problems
from medlint.findings import Finding
from medlint.generators import open_site
from medlint.rules import RULES
from medlint.similarity import compare
from medlint.similarity.index import IndexMemo
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
    corpus = compare(documents, site, config.duplicates, use_cache=False, page_memo=IndexMemo())
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
@example(text="[^1]: - [^1]: ")  # markdown-it's footnotes close a list they never opened
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
    """The site's page keys, with the base split once, equal ``normalize`` of the whole URL that
    publishes the path: a page's path is a path, so a ``?`` or ``#`` in it is escaped, not a query."""
    from medlint import urls

    assert urls.page_keys(base)(path) == urls.normalize(base + urls.encoded(path))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "/", ".", "index", "INDEX", "Index", "md", "markdown", "html", "htm", "x.y"]), max_size=8
    )
)
@example(["a", "/", "index", ".", "markdown"])
def test_the_page_suffix_shortcut_strips_what_the_expression_strips(pieces: list[str]) -> None:
    """The check before the page-suffix expression never skips a path it would change."""
    from medlint import urls

    path = "".join(pieces)
    assert urls._without_page_suffix(path) == urls._PAGE_SUFFIX.sub("", path).rstrip("/")


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_ascii_link_text_normalizes_as_by_unicode_categories(text: str) -> None:
    from medlint.similarity.topics import normalize_any_text, normalize_text

    assert normalize_text(text) == normalize_any_text(text)


MARKDOWN_PIECES = st.sampled_from([
    "Title", "text", "\n", "\n\n", "=", "===", "-", "---", " ---  ", "> ", "- ", "* ", "+ ", "1. ", "2) ", "0. ", "10) ", "    ", "\t",
    "| a |", "|---|", ":--", "!!! note\n    ", "??? tip", "Term\n:   ", "[^1]: ", "[^1]", "^[x]", "```", "~~~", "<div>",
    "<a href='x'>", "# ", "## ", "  ", "= x", "-- -", "___", "***", *"[]()<>!`*_~^&\\#$%+-:=@{}|'\"/.,; ax1é",
    "https://", "&amp;", '{{< ref "a.md" >}}', "](", "[x]: /y",
])  # fmt: skip


PLAIN_PIECES = st.sampled_from(
    ["a", "word", " ", "  ", "   ", "\t", " \t", "\n", "\n\n", "-", ":", "#", "=", "é", ".", "| x"]
)


@pytest.mark.parametrize("python_markdown", [False, True])
@pytest.mark.parametrize("lookahead", [5, 2000])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.one_of(
        st.lists(MARKDOWN_PIECES, max_size=50).map("".join),
        st.lists(PLAIN_PIECES, max_size=50).map("".join),  # text no inline rule but the line break starts in
    )
)
@example(text="hard  \n\t break, soft \n  one, tab\t \nend   \n \t x")
def test_the_parser_shortcuts_give_markdown_its_tokens(
    text: str, lookahead: int, python_markdown: bool, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The very tokens, spans and links with the shortcuts as without, also with a setext
    lookahead of a few characters, which most paragraphs reach past."""
    from medlint.document import parser

    monkeypatch.setattr(parser, "SETEXT_LOOKAHEAD", lookahead)
    plain, quick = eval_dialect.shortcut_parsers(python_markdown)
    assert eval_dialect.tokens(quick, text) == eval_dialect.tokens(plain, text)


def test_the_parser_shortcuts_give_markdown_its_tokens_on_a_sample_of_the_corpus() -> None:
    """Every twelfth Markdown file of the corpus (``benchmarks/eval_dialect.py`` parses them all)."""
    shared_or_skip("corpus")
    files = eval_dialect.markdown_files()[::12]
    assert len(files) >= 90
    plain, quick = eval_dialect.shortcut_parsers()
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        assert eval_dialect.tokens(quick, text) == eval_dialect.tokens(plain, text), file.name

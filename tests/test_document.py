"""The document model: positions in the original file, code is not prose, front matter lines."""

from __future__ import annotations

from medlint.document import parse_document


def links(text: str) -> list[tuple[str, str, str, int, int]]:
    return [(link.kind, link.text, link.target, link.line, link.column) for link in parse_document(text).links]


def test_every_kind_of_link_with_line_and_column() -> None:
    text = (
        "---\ntitle: T\n---\n"
        'Inline [one](https://a.example/1 "T") and <https://a.example/2>.\n'
        "Ref [two][r] and [three][] and ![alt](i.png).\n"
        '<a href="https://a.example/5">five <b>bold</b></a> inline.\n'
        "\n"
        '<p><a href="https://a.example/6">six</a></p>\n'
        "\n"
        "[r]: https://a.example/3\n[three]: https://a.example/4\n"
    )
    assert links(text) == [
        ("link", "one", "https://a.example/1", 4, 8),
        ("autolink", "https://a.example/2", "https://a.example/2", 4, 43),
        ("link", "two", "https://a.example/3", 5, 5),
        ("link", "three", "https://a.example/4", 5, 18),
        ("image", "alt", "i.png", 5, 32),
        ("html", "five bold", "https://a.example/5", 6, 1),
        ("html", "six", "https://a.example/6", 8, 4),
    ]
    assert parse_document(text).links[0].title == "T"


def test_code_is_not_prose() -> None:
    text = (
        "Text `[no](https://a.example/x) https://a.example/y`.\n\n"
        "```\n[no](https://a.example/z)\nhttps://a.example/z\n```\n\n"
        "    [no](https://a.example/w)\n\n"
        "~~~md\n<div>no</div>\n~~~\n"
    )
    doc = parse_document(text)
    assert doc.links == [] and doc.bare_urls == [] and doc.constructs == []


def test_positions_survive_crlf_bom_quotes_lists_and_tables() -> None:
    text = "\ufeff# Title\r\n\r\n> quoted [q](https://a.example/q)\r\n\r\n1. item\r\n   [l](https://a.example/l)\r\n\r\n| a | [c](https://a.example/c) |\r\n|---|---|\r\n"
    assert [(link.line, link.column) for link in parse_document(text).links] == [(3, 10), (6, 4), (8, 7)]


def test_multiline_link_text_and_end_position() -> None:
    doc = parse_document("Go [click\nhere](https://a.example) now.\n")
    (link,) = doc.links
    assert (link.text, link.line, link.column, link.end_line, link.end_column) == ("click here", 1, 4, 2, 25)


def test_headings_paragraphs_and_words() -> None:
    doc = parse_document(
        "---\ntitle: From front matter\n---\n# Heading one\n\nSome *plain* words here.\n\nSetext\n------\n"
    )
    assert [(h.level, h.text, h.line) for h in doc.headings] == [(1, "Heading one", 4), (2, "Setext", 8)]
    assert [(p.line, p.text, p.words) for p in doc.paragraphs] == [(6, "Some plain words here.", 4)]
    assert doc.title == ("From front matter", 2)


def test_toml_front_matter_and_its_errors() -> None:
    doc = parse_document('+++\ntitle = "Toml"\ntags = ["a", "b"]\n+++\nBody.\n')
    assert doc.title == ("Toml", 2) and doc.tags == ["a", "b"] and doc.front_matter.line_of("tags") == 3
    broken = parse_document('+++\ntitle = "ok"\ntags = [\n+++\nBody [x](https://a.example).\n')
    assert broken.front_matter.error is not None and broken.front_matter.error[1] >= 3
    assert [link.line for link in broken.links] == [5]


def test_yaml_front_matter_error_line_and_body_still_parsed() -> None:
    doc = parse_document("---\ntitle: ok\ntags: [a, b\ndate: x\n---\n\n[x](https://a.example)\n")
    message, line = doc.front_matter.error  # type: ignore[misc]
    assert "YAML" in message and line == 3
    assert [link.line for link in doc.links] == [7]


def test_a_leading_thematic_break_is_not_front_matter() -> None:
    doc = parse_document("---\n\nJust a rule above.\n")
    assert doc.front_matter.error is None and doc.paragraphs[0].line == 3


def test_directives_are_collected_outside_code() -> None:
    doc = parse_document("<!-- medlint-disable ML101 generic-anchor-text -->\n\n```\n<!-- medlint-disable -->\n```\n")
    assert [(d.action, d.selectors, d.line) for d in doc.directives] == [
        ("disable", ("ML101", "generic-anchor-text"), 1)
    ]

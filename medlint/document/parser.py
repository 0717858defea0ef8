"""The parser adapter: markdown-it-py's tokens turned into the document model, with positions.

The Markdown is parsed by markdown-it-py (CommonMark plus the table, footnote, admonition and
definition-list syntax MkDocs sites use). Python-Markdown, which MkDocs renders with, keeps no
source positions, so it cannot say on which line and column a link sits. Inline rules of the
parser are wrapped to record where each link, image, code span and HTML tag starts and ends, and a
locator maps those offsets back to the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from medlint.document.dialect import COMMONMARK, Dialect, prepare
from medlint.document.linksyntax import LinkSyntax
from medlint.document.model import BareUrl, Construct, ConstructKind, Directive, Document, Heading, Link, Paragraph

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_TRACKED_INLINE_RULES = ("link", "image", "autolink", "backticks", "html_inline", "footnote_ref")
_TRACKED_TOKENS = frozenset({"link_open", "image", "code_inline", "html_inline", "footnote_ref"})
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]{}\"'`]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?*_~"
_HTML_A_OPEN = re.compile(r"<a\s[^>]{0,500}?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_HTML_A_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_HTML_A_BLOCK = re.compile(
    r"<a\s[^>]{0,500}?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))[^>]*>(.{0,2000}?)</a\s*>",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w-]*)")


@lru_cache(maxsize=4)
def _HTML_ATTRIBUTE_VALUE(name: str) -> re.Pattern[str]:
    return re.compile(rf"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


_ANY_TAG = re.compile(r"<[^>]*>")
_HTML_IMG = re.compile(r"<img\b[^>]{0,2000}>", re.IGNORECASE)
_DIRECTIVE = re.compile(r"<!--\s*medlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->")
_TASK_ITEM = re.compile(r"^\[[ xX]\]\s")
_MATH = re.compile(r"^\s*\$\$|\$\$[^\n]{1,500}?\$\$|\\\([^\n]{1,500}?\\\)")
_INLINE_MATH = re.compile(
    r"(?<![\\$\w])\$(?=[^\s$])[^$\n]{0,300}?[^\s$\\]\$(?![\w$])|(?<![\\$\w])\$[^\s$\\]\$(?![\w$])"
)
"""``$...$`` as pymdownx.arithmatex reads it: no space inside the dollars, no word right outside."""
_ATTR_LIST = re.compile(r"\{:[^}\n]{0,300}\}|\{[ \t]{0,10}[#.][\w-][^}\n]{0,300}\}\s*$")
_HEADING_ATTRIBUTES_START = re.compile(r" \{:? *[^}\n ]")
"""Where Python-Markdown's ``attr_list`` finds a heading's attribute list (its ``HEADER_RE``,
`` +{:? *([^}\n ][^\n]*)} *$``): the first space and brace whose contents start before the
closing brace that ends the heading. Searched for as this prefix alone, so that a heading of
many braces costs one scan, where the whole expression tries the rest of the line at each."""
_ATTRIBUTE = re.compile(r"""[^ =}]+=".*?"|[^ =}]+='.*?'|[^ =}]+=[^ =}]+|[^ =}]+| """)
"""One item of an attribute list, as ``attr_list`` scans them: ``key="value"``, ``key='value'``,
``key=value``, a word (``#id``, ``.class``, ``key``), a space; it stops at anything else."""
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:")
_ATTR_LIST_ANYWHERE = re.compile(
    r"\{[ \t]{0,10}(?:[#.][\w-]+|[\w-]+=(?:\"[^\"\n]{0,100}\"|'[^'\n]{0,100}'|[^\s}]{1,100}))[^}\n]{0,300}\}"
)
_CODE_ANNOTATION = re.compile(r"(?:#|//|--|;|/\*|<!--)\s*\(\d{1,3}\)!?\s*(?:\*/|-->)?\s*$")
_EXTENSION_SYNTAX = (
    ("emoji", ConstructKind.EMOJI, re.compile(r"(?<![A-Za-z0-9:/]):[a-z][a-z0-9_+-]{1,60}:(?![A-Za-z0-9/])")),
    ("abbr", ConstructKind.ABBREVIATION, re.compile(r"^\*\[[^\]\n]{1,100}\]:")),
    ("keys", ConstructKind.KEYS, re.compile(r"\+\+[\w+-]{1,60}\+\+")),
    ("critic", ConstructKind.CRITIC, re.compile(r"\{(?:\+\+|--|~~|==|>>)")),
    ("mark", ConstructKind.MARK, re.compile(r"(?<![=\w])==[^=\s](?:[^=\n]{0,300}[^=\s])?==(?![=\w])")),
    ("caret", ConstructKind.INSERT, re.compile(r"\^\^[^\^\s](?:[^\^\n]{0,300}[^\^\s])?\^\^")),
)
"""Syntax of Python-Markdown extensions, found only where the site configures them."""
_SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s")
_TEMPLATE_TAG = re.compile(r"^ {0,3}(\{\{|\{%)[ \t]*([\w.-]*)")
"""A line opening with a template tag: Go's ``{{image "x.png"}}`` or a multi-line ``{{raw `...`}}``,
Hugo shortcodes, Jinja ``{% %}``."""


def heading_attributes(text: str) -> tuple[str, str]:
    """A heading's text without the attribute list that ends it, as Python-Markdown's
    ``attr_list`` reads it, and the ``id`` that list gives (the last ``#id`` or ``id=...``), or
    ``""``. A list whose scan stops before a closing brace is no list (``attr_list``'s strict
    mode): the heading keeps it as text."""
    trimmed = text.rstrip(" ")
    found = _HEADING_ATTRIBUTES_START.search(trimmed) if trimmed.endswith("}") else None
    if found is None or found.end() > len(trimmed) - 1:
        return text, ""
    contents = trimmed[found.end() - 1 : -1]
    given = ""
    position = 0
    while position < len(contents):
        item = _ATTRIBUTE.match(contents, position)
        if item is None:
            if "}" in contents[position:]:
                return text, ""
            break
        word, position = item.group(), item.end()
        if word.startswith("#"):
            given = word[1:]
        elif word.startswith("id="):
            value = word[3:]
            given = value.strip(value[0]) if value[:1] in ("'", '"') else value
    start = found.start()
    while start > 0 and trimmed[start - 1] == " ":
        start -= 1
    return trimmed[:start].rstrip("#").rstrip(), given


def build_model(doc: Document, dialect: Dialect = COMMONMARK) -> None:
    """Fill ``doc``'s model from its lines (front matter already split off), read in ``dialect``
    (as MDX when the file is ``.mdx``)."""
    if doc.path.lower().endswith(".mdx") and not dialect.mdx:
        dialect = replace(dialect, mdx=True)
    body_start = doc.body_start
    original = doc.lines[body_start:]
    prepared, found = prepare(original, dialect)
    builder = _ModelBuilder(doc, body_start, dialect)
    for construct in found:
        doc.constructs.append(
            Construct(construct.kind, construct.line + body_start, construct.column, construct.detail)
        )
    # lines the preparation blanked (markers, formulas) are not prose: no line-level syntax there
    builder.code_lines.update(
        number + body_start + 1
        for number, (old, new) in enumerate(zip(original, prepared, strict=True))
        if old.strip() and not new
    )
    builder.build("\n".join(prepared))


def parser_for(dialect: Dialect) -> MarkdownIt:
    """The markdown-it parser of a dialect: one per set of generator link syntaxes and reference
    rule (Python-Markdown keeps a label's last definition, CommonMark its first), built once."""
    return _parser(dialect.link_syntaxes, dialect.python_markdown)


@lru_cache(maxsize=8)
def _parser(syntaxes: tuple[LinkSyntax, ...], python_markdown: bool = False) -> MarkdownIt:
    return markdown_it_for(syntaxes, python_markdown)


def markdown_it_for(
    syntaxes: tuple[LinkSyntax, ...], python_markdown: bool = False, shortcuts: bool = True
) -> MarkdownIt:
    """A markdown-it parser for generator link ``syntaxes`` (and Python-Markdown's reading of
    references). ``shortcuts`` false leaves out what only saves time (rules skipped where they
    cannot match, the text rule's stops, plain text made at once), so that tests can compare the
    tokens of both."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")
    md.use(footnote_plugin).use(admon_plugin).use(deflist_plugin)
    md.helpers = _Helpers(md.helpers)
    originals = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name in _TRACKED_INLINE_RULES:
        md.inline.ruler.at(name, _tracking(originals[name], _OPENERS[name]))
    spaced = [syntax for syntax in syntaxes if syntax.spaced]
    if spaced:
        md.inline.ruler.before("link", "generator_link", _tracking(_generator_link(spaced)))
    if python_markdown:
        _replace_block_rule(md, "reference", _last_definition_wins)
        md.inline.ruler.at("link", _tracking(_before_a_footnote(originals["link"]), _OPENERS["link"]))
    if shortcuts:
        _replace_block_rule(md, "lheading", _only_above_an_underline)
        for name, starts in _BLOCK_STARTS.items():
            _replace_block_rule(md, name, lambda rule, starts=starts: _only_at(rule, starts))
        stops = _text_stops(md)
        if stops is not None:
            md.inline.terminator_re = _any_of(stops)  # where markdown-it-py 4.1 and later read them
            md.core.ruler.at("inline", _plain_text_directly(_any_of(stops - {"\n"})))
    return md


def _plain_text_directly(openers: re.Pattern[str]) -> Callable[[Any], None]:
    """markdown-it's inline step, with a content where no inline rule but the line break can
    start (no link, code, emphasis, HTML, entity or escape: half of the paragraphs, headings and
    cells of the corpus) made into its text and line breaks at once, as the text and newline
    rules make them, instead of through the rule loop."""
    from markdown_it.token import Token

    def inline(state: Any) -> None:
        md = state.md
        for token in state.tokens:
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            if openers.search(token.content) is None:
                token.children.extend(_plain_children(token.content, Token))
            else:
                md.inline.parse(token.content, md, state.env, token.children)

    return inline


def _plain_children(content: str, new_token: Callable[..., Any]) -> Iterator[Any]:
    """The text and break tokens of ``content`` (an inline content no rule but the newline rule
    starts in): the spaces before a line's end go, and two or more make a hard break; the next
    line's leading spaces and tabs are skipped."""
    lines = content.split("\n")
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if number:
            line = line.lstrip(" \t")
        kind = "softbreak"
        if number < last:
            kept = line.rstrip(" ")
            if len(line) - len(kept) >= 2:
                kind = "hardbreak"
            line = kept
        if line:
            text = new_token("text", "", 0)
            text.content = line
            yield text
        if number < last:
            yield new_token(kind, "br", 0)


def _replace_block_rule(md: MarkdownIt, name: str, wrap: Callable[[Callable[..., bool]], Callable[..., bool]]) -> None:
    """Put ``wrap(rule)`` in place of block rule ``name``, keeping the blocks it may end."""
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == name)
    md.block.ruler.at(name, wrap(rule.fn), {"alt": list(rule.alt)})


_BLOCK_STARTS = {
    "fence": "`~", "blockquote": ">", "hr": "*-_", "list": "*-+0123456789", "html_block": "<", "heading": "#",
    "reference": "[", "footnote_def": "[", "admonition": "!?",
}  # fmt: skip
"""The first character (after the indent) of a line that each of these markdown-it block rules
may start at: at any other line, each returns false at its first look."""


def _only_at(rule: Callable[..., bool], starts: str) -> Callable[..., bool]:
    """Block ``rule``, not called at a line whose first character it cannot start at. markdown-it
    tries each block rule at every line that may start a block, and each rule that may end a
    paragraph at every line of one: a rule's call, log call and indent check cost more than
    this look at one character."""

    def at_a_start(state: Any, line: int, end: int, silent: bool) -> bool:
        start = state.bMarks[line] + state.tShift[line]
        if start >= state.eMarks[line] or state.src[start] not in starts:
            return False
        return rule(state, line, end, silent)

    return at_a_start


def _holds(state: Any, needle: str, start: int, maximum: int) -> bool:
    """Whether ``state.src[start:maximum]`` holds ``needle``, at a cost linear in the source over
    one inline parse: an inline rule asks at every ``[``, so each asking cannot search (or copy)
    the rest of the source. The first occurrence found from a position answers every later
    position up to it."""
    memo = state.__dict__.setdefault("_medlint_next", {})
    searched_from, found = memo.get(needle, (-1, -1))
    if not (0 <= searched_from <= start and (found < 0 or start <= found)):
        searched_from, found = start, state.src.find(needle, start)
        memo[needle] = (searched_from, found)
    return found >= 0 and found + len(needle) <= maximum


def _before_a_footnote(rule: Callable[[Any, bool], bool]) -> Callable[[Any, bool], bool]:
    """markdown-it's link rule, reading ``[text][^1]`` as Python-Markdown does: a shortcut
    reference ``[text]`` followed by a footnote, not a full reference to a label ``^1``."""

    def link(state: Any, silent: bool) -> bool:
        source, start, maximum = state.src, state.pos, state.posMax
        if source[start] == "[" and _holds(state, "[^", start, maximum):
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
            if label_end >= 0 and source.startswith("[^", label_end + 1):
                state.posMax = label_end + 1
                try:
                    return rule(state, silent)
                finally:
                    state.posMax = maximum
        return rule(state, silent)

    link.__name__ = "link"
    return link


_LINE_ENDING_IN_AN_UNDERLINE = re.compile(r"[=-][ \t]*$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n|\Z)")
SETEXT_LOOKAHEAD = 2000
"""How far after a paragraph's first line the setext shortcut looks (characters): past it, the
rule itself runs, so that paragraphs separated by no blank line cost no rescan each."""


def _only_above_an_underline(rule: Callable[..., bool]) -> Callable[..., bool]:
    """markdown-it's setext heading rule, not run where it cannot match. At every paragraph it
    walks the paragraph's lines looking for an underline (``===``, ``---``) and tries each rule
    that may end a paragraph on each line, before the paragraph rule walks them again: a sixth
    of the parse. An underline ends its line in ``=`` or ``-`` before the next blank line
    (a blank line ends a paragraph in any container), so without such a line there is none."""

    def lheading(state: Any, start: int, end: int, silent: bool) -> bool:
        if start + 1 >= end:
            return False
        source, after = state.src, state.eMarks[start]
        limit = after + SETEXT_LOOKAHEAD
        blank = _BLANK_LINE.search(source, after, limit)
        if limit < len(source) and (blank is None or blank.end() >= limit):
            return rule(state, start, end, silent)  # no blank line in sight: ask the rule
        until = blank.start() if blank else len(source)
        if not _LINE_ENDING_IN_AN_UNDERLINE.search(source, state.bMarks[start + 1], until):
            return False
        return rule(state, start, end, silent)

    return lheading


def _last_definition_wins(rule: Callable[..., bool]) -> Callable[..., bool]:
    """markdown-it's reference rule, keeping a label's last definition (as Python-Markdown does)
    instead of its first: each definition is read on its own, then laid over the earlier ones."""

    def reference(state: Any, start: int, end: int, silent: bool) -> bool:
        known = state.env.setdefault("references", {})
        state.env["references"] = {}
        try:
            return rule(state, start, end, silent)
        finally:
            known.update(state.env["references"])
            state.env["references"] = known

    return reference


def _generator_link(syntaxes: list[LinkSyntax]) -> Callable[[Any, bool], bool]:
    """An inline rule for ``[text](destination)`` whose destination is written in one of a
    generator's ``syntaxes`` (``{{< ref "x.md" >}}``), which CommonMark's destination cannot hold."""

    def rule(state: Any, silent: bool) -> bool:
        source, start, maximum = state.src, state.pos, state.posMax
        if source[start] != "[" or not _holds(state, "{", start, maximum):
            return False
        label_end = state.md.helpers.parseLinkLabel(state, start, True)
        if label_end < 0 or label_end + 1 >= maximum or source[label_end + 1] != "(":
            return False
        position = label_end + 2
        while position < maximum and source[position] in " \t\n":
            position += 1
        found = next((match for syntax in syntaxes if (match := syntax.pattern.match(source, position, maximum))), None)
        if found is None:
            return False
        end = found.end()
        while end < maximum and source[end] in " \t\n":
            end += 1
        if end >= maximum or source[end] != ")":
            return False
        if not silent:
            state.pos, state.posMax = start + 1, label_end
            state.push("link_open", "a", 1).attrs = {"href": found.group(0)}
            state.linkLevel += 1
            state.md.inline.tokenize(state)
            state.linkLevel -= 1
            state.push("link_close", "a", -1)
        state.pos, state.posMax = end + 1, maximum
        return True

    return rule


SILENT_LINK_DEPTH = 2
"""How deep a link or image inside another's text is still looked for while a label is scanned:
no real link nests deeper, and each level would scan the rest of a line of ``[`` again."""


class _Helpers:
    """markdown-it's helpers, with a link destination that fails at once where it cannot end: an
    inline destination needs a ``)`` after it, and a text of unclosed ``![a](`` must not scan the
    rest of the text once for each."""

    def __init__(self, helpers: Any) -> None:
        self.parseLinkLabel = helpers.parseLinkLabel
        self.parseLinkTitle = helpers.parseLinkTitle
        self._destination = helpers.parseLinkDestination
        self._text = ""  # the text last looked into (held, so it is never another with its id)
        self._last_paren = -1
        #: above 0 while an inline link or image rule runs (a definition's destination needs no ``)``)
        self.inline = 0

    def parseLinkDestination(self, text: str, pos: int, maximum: int) -> Any:
        if self.inline and text[pos : pos + 1] != "<":
            if text is not self._text:
                self._text, self._last_paren = text, text.rfind(")")
            if self._last_paren < pos:
                return self._destination("", 0, 0)  # a failed result
        return self._destination(text, pos, maximum)


_OPENERS = {
    "link": "[", "image": "!", "autolink": "<", "backticks": "`", "html_inline": "<", "footnote_ref": "[",
    "generator_link": "[", "newline": "\n", "escape": "\\", "emphasis": "*_", "strikethrough": "~",
    "footnote_inline": "^", "entity": "&", "text": "",
}  # fmt: skip
"""The characters each markdown-it inline rule starts at: anywhere else it matches nothing."""


def _text_stops(md: MarkdownIt) -> set[str] | None:
    """Where the text rule must stop so that another rule may start: the characters the enabled
    inline rules start at, and ``]`` (a link label's end, which the label scan looks for). The
    default also stops at ``-``, ``:``, ``#``, ``=`` and others that start no rule here, and at
    each the parser tried all fourteen rules in turn. ``None`` (keep the default) when a rule
    is enabled whose start is not known here."""
    enabled = [rule.name for rule in md.inline.ruler.__rules__ if rule.enabled]
    if any(name not in _OPENERS for name in enabled):
        return None
    return {"]", *(character for name in enabled for character in _OPENERS[name])}


def _any_of(characters: set[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(characters))) + "]")


def _tracking(rule: Callable[[Any, bool], bool], opener: str | None = None) -> Callable[[Any, bool], bool]:
    """Wrap an inline rule so the token it creates records its start and end offset (and, for a
    link or image looked for inside another's label, not deeper than :data:`SILENT_LINK_DEPTH`).
    At a character the rule cannot start at (``opener``), it is not called at all: markdown-it
    tries every rule at every special character."""

    linking = getattr(rule, "__name__", "") in ("link", "image")

    def tracked(state: Any, silent: bool) -> bool:
        if opener is not None and state.src[state.pos] != opener:
            return False
        if silent and not linking:
            return rule(state, True)  # the common case while a label is scanned: nothing to record
        if silent and state.level > SILENT_LINK_DEPTH:
            state.pos = state.posMax  # as markdown-it does at its nesting limit: the label is no link
            return True
        start, count = state.pos, len(state.tokens)
        helpers = state.md.helpers
        helpers.inline += linking
        try:
            matched = rule(state, silent)
        finally:
            helpers.inline -= linking
        if matched and not silent:
            for token in state.tokens[count:]:
                if token.type in _TRACKED_TOKENS:
                    token.meta["span"] = (start, state.pos)
                    break
        return matched

    return tracked


class _Locator:
    """Maps offsets in a block's parsed content back to lines and columns of the file."""

    __slots__ = ("lines", "shifts", "starts")

    def __init__(self, content: str, first_line: int, file_lines: list[str], hint: int = 0) -> None:
        self.starts: list[int] = []
        self.lines: list[int] = []
        self.shifts: list[int] = []
        offset = 0
        for index, part in enumerate(content.split("\n")):
            number = first_line + index
            source = file_lines[number - 1] if 0 < number <= len(file_lines) else ""
            self.starts.append(offset)
            self.lines.append(number)
            self.shifts.append(_column_shift(source, part, hint if index == 0 else 0))
            offset += len(part) + 1

    def at(self, offset: int) -> tuple[int, int]:
        index = max(bisect_right(self.starts, offset) - 1, 0)
        return self.lines[index], offset - self.starts[index] + self.shifts[index] + 1


def _column_shift(source: str, part: str, hint: int) -> int:
    if not part:
        return 0
    if hint == 0 and source.endswith(part):
        return len(source) - len(part)
    found = source.find(part, hint)
    if found < 0:
        found = source.find(part.strip(), hint)
    return max(found, 0)


@dataclass(slots=True)
class _OpenLink:
    kind: str
    target: str
    title: str | None
    start: tuple[int, int]
    span_end: int
    text: list[str] = field(default_factory=list)
    code_only: bool = True
    has_image: bool = False
    source_offset: int = 0


class _ModelBuilder:
    """One pass over markdown-it's tokens, filling the document's model."""

    def __init__(self, doc: Document, body_start: int, dialect: Dialect = COMMONMARK) -> None:
        self.doc = doc
        self.dialect = dialect
        self.offset = body_start + 1  # token.map lines are 0-based within the body
        self.code_lines: set[int] = set()
        #: lines of HTML blocks (a <script>'s ``\\(`` is no math)
        self.html_lines: set[int] = set()
        self.fenced_blocks: list[tuple[int, int]] = []
        self.lists_with_tasks: set[int] = set()
        self.list_number = 0
        self.footnote_refs: dict[str, tuple[int, int]] = {}
        self.footnote_defs: dict[str, int] = {}

    def line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + self.offset

    def build(self, body: str) -> None:
        """Walk the block tokens: inline content goes to :meth:`inline`; lists, code, HTML, tables,
        admonitions and definition lists are recorded where they start; line-level syntax that
        CommonMark reads as text, and footnotes, are collected last."""
        env: dict[str, Any] = {}
        tokens = parser_for(self.dialect).parse(body, env)
        doc = self.doc
        list_depth = 0
        open_lists: list[int] = []
        self.open_lists = open_lists
        row_hint: dict[int, int] = {}
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                parent = tokens[index - 1] if index else None
                hint = 0
                if parent is not None and parent.type in ("th_open", "td_open"):
                    line = self.line(token)
                    hint = row_hint.get(line, 0)
                    row_hint[line] = hint + max(len(token.content), 1)
                self.inline(token, parent, tokens[index - 2] if index > 1 else None, hint)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
                self.list_number += 1
                open_lists.append(self.list_number)
                if list_depth > 1:
                    line = self.line(token)
                    text = doc.lines[line - 1] if line <= len(doc.lines) else ""
                    doc.constructs.append(
                        Construct(ConstructKind.NESTED_LIST, line, len(text) - len(text.lstrip()) + 1, "nested list")
                    )
            elif kind in ("bullet_list_close", "ordered_list_close") and open_lists:
                # a close with no open: mdit-py-plugins' footnotes drop the opening tokens of a
                # definition nested in its own list ("[^1]: - [^1]: ")
                list_depth -= 1
                open_lists.pop()
            elif kind in ("fence", "code_block") and token.map:
                self.code_lines.update(range(token.map[0] + self.offset, token.map[1] + self.offset))
                self.fenced_blocks.append((token.map[0] + self.offset, token.map[1] + self.offset))
            elif kind == "html_block":
                self.html_block(token)
            elif kind == "table_open":
                doc.constructs.append(Construct(ConstructKind.TABLE, self.line(token)))
            elif kind == "admonition_open":
                markup = token.markup or "!!!"
                construct_kind = ConstructKind.DETAILS if markup.startswith("???") else ConstructKind.ADMONITION
                doc.constructs.append(Construct(construct_kind, self.line(token), 1, markup))
            elif kind == "dl_open":
                doc.constructs.append(Construct(ConstructKind.DEFINITION_LIST, self.line(token)))
        self.line_constructs()
        self.footnotes()

    def inline(self, token: Token, parent: Token | None, grandparent: Token | None, hint: int) -> None:
        """A paragraph's, heading's or cell's inline content: its links, images and HTML at their
        positions, then its plain text as a heading, a paragraph or words."""
        walk = _InlineWalk(self, token, hint)
        for child in token.children or ():
            handler = _INLINE_HANDLERS.get(child.type)
            if handler is not None:
                handler(walk, child)
        doc, text, first_line = self.doc, "".join(walk.plain), walk.first_line
        if parent is not None and parent.type == "heading_open":
            text, given_id = heading_attributes(text) if self.dialect.has("attr_list") else (text, None)
            doc.headings.append(Heading(int(parent.tag[1:]), text.strip(), first_line, given_id))
        elif parent is not None and parent.type == "paragraph_open":
            end_line = (parent.map[1] if parent.map else 0) + self.offset - 1
            words = len(text.split())
            doc.paragraphs.append(Paragraph(first_line, end_line, text, words))
            doc.word_count += words
            if grandparent is not None and grandparent.type == "list_item_open" and _TASK_ITEM.match(token.content):
                current = self.open_lists[-1] if self.open_lists else 0
                if current not in self.lists_with_tasks:  # one finding a list
                    self.lists_with_tasks.add(current)
                    doc.constructs.append(Construct(ConstructKind.TASK_LIST, first_line, walk.at(0)[1], "task list"))
        elif text.strip():
            doc.word_count += len(text.split())
        self.bare_urls(token.content, walk.spans, walk.at)

    def close_link(self, link: _OpenLink, content: str, at: Callable[[int], tuple[int, int]]) -> None:
        line, column = link.start
        end_line, end_column = at(link.span_end)
        text = "".join(link.text)
        self.doc.links.append(
            Link(
                link.kind,
                text,
                link.target,
                link.title,
                line,
                column,
                end_line,
                end_column,
                text_is_code=link.code_only and bool(text.strip()),
                has_image=link.has_image,
                source=content[link.source_offset : link.span_end],
            )
        )

    def html_inline(self, html: str, start: int, end: int, walk: _InlineWalk) -> None:
        """An inline HTML tag: an ``<a href>`` opens or closes a link, an ``<img>`` is an image,
        and what ``<a>``, ``<code>`` and ``<pre>`` enclose is no bare URL."""
        open_links, at = walk.open_links, walk.at
        line, column = at(start)
        if html.startswith("<!--"):
            self.directive(html, line)
            return
        opening = _HTML_A_OPEN.match(html)
        if opening:
            target = next(group for group in opening.groups() if group is not None)
            open_links.append(_OpenLink("html", target, None, (line, column), end, source_offset=start))
        elif _HTML_A_CLOSE.match(html):
            for position in range(len(open_links) - 1, -1, -1):
                if open_links[position].kind == "html":
                    link = open_links.pop(position)
                    walk.spans.append((link.source_offset, end))
                    link.span_end = end
                    self.close_link(link, "", at)
                    break
        tag = _HTML_TAG.match(html)
        if tag is None:
            return
        name = tag.group(2).lower()
        if name in ("code", "pre"):
            if tag.group(1):
                opened = walk.open_code.pop(name, None)
                if opened is not None:
                    walk.spans.append((opened, end))
            else:
                walk.open_code.setdefault(name, start)
        if not tag.group(1):
            if name == "img":
                for link in open_links:
                    link.has_image = True
                self.html_image(html, line, column, at(end))
            self.doc.constructs.append(Construct(_html_kind(name), line, column, f"<{name}>"))

    def html_image(self, html: str, line: int, column: int, end: tuple[int, int]) -> None:
        """An ``<img>`` tag as an image: its ``src``, and its ``alt`` (none: ML108)."""
        source = _HTML_ATTRIBUTE_VALUE("src").search(html)
        if source is None:
            return
        alt = _HTML_ATTRIBUTE_VALUE("alt").search(html)
        text = next((group for group in alt.groups() if group is not None), "") if alt else ""
        target = next(group for group in source.groups() if group is not None)
        hidden = _HTML_ATTRIBUTE_VALUE("aria-hidden").search(html)
        decorative = (alt is not None and not text) or (hidden is not None and "true" in hidden.group(0).lower())
        self.doc.links.append(
            Link("image", text, target, None, line, column, end[0], end[1], source=html, decorative=decorative)
        )

    def html_block(self, token: Token) -> None:
        content = token.content
        line = self.line(token)
        self.html_lines.update(range(line, line + max(content.count("\n"), 1)))
        stripped = content.lstrip()
        if stripped.startswith("<!--"):
            for match in _DIRECTIVE.finditer(content):
                self.directive(match.group(0), line + content.count("\n", 0, match.start()))
            if stripped.rstrip().endswith("-->"):
                return
        tag = _HTML_TAG.search(content)
        name = tag.group(2).lower() if tag else "html"
        self.doc.constructs.append(Construct(_html_kind(name), line, 1, f"<{name}>"))
        locator: _Locator | None = None
        closed: list[tuple[int, int]] = []
        for match in _HTML_A_BLOCK.finditer(content):
            closed.append((match.start(), match.end()))
            if locator is None:
                locator = _Locator(content, line, self.doc.lines)
            target = next(group for group in match.groups()[:3] if group is not None)
            text = _ANY_TAG.sub("", match.group(4))
            start_line, start_column = locator.at(match.start())
            end_line, end_column = locator.at(match.end())
            self.doc.links.append(
                Link(
                    "html",
                    " ".join(text.split()),
                    target,
                    None,
                    start_line,
                    start_column,
                    end_line,
                    end_column,
                    has_image="<img" in match.group(4).lower(),
                    source=match.group(0),
                )
            )
        for opening in _HTML_A_OPEN.finditer(content):  # an <a> this block does not close is a link too
            if any(start <= opening.start() < end for start, end in closed):
                continue
            locator = locator or _Locator(content, line, self.doc.lines)
            target = next(group for group in opening.groups() if group is not None)
            after = content[content.find(">", opening.end()) + 1 :]
            text = " ".join(_ANY_TAG.sub("", after).split())[:200]
            start_line, start_column = locator.at(opening.start())
            end_line, end_column = locator.at(opening.end())
            self.doc.links.append(
                Link(
                    "html", text, target, None, start_line, start_column, end_line, end_column, source=opening.group(0)
                )
            )
        if "<img" in content.lower():
            locator = locator or _Locator(content, line, self.doc.lines)
            for image in _HTML_IMG.finditer(content):
                start_line, start_column = locator.at(image.start())
                self.html_image(image.group(0), start_line, start_column, locator.at(image.end()))

    def directive(self, comment: str, line: int) -> None:
        match = _DIRECTIVE.search(comment)
        if match:
            selectors = tuple(part for part in re.split(r"[\s,]+", match.group(2)) if part)
            self.doc.directives.append(Directive(match.group(1), selectors, line))

    def bare_urls(self, content: str, spans: list[tuple[int, int]], at: Callable[[int], tuple[int, int]]) -> None:
        if "://" not in content and "www." not in content:
            return
        covered = _merged(spans)
        starts = [start for start, _ in covered]
        for match in _BARE_URL.finditer(content):
            start = match.start()
            index = bisect_right(starts, start) - 1
            if index >= 0 and start < covered[index][1]:
                continue  # inside a link, image, code span or HTML tag
            url = match.group(0).rstrip(_URL_TRAILING)
            line, column = at(start)
            if "{" in self.doc.lines[line - 1] and _TEMPLATE_TAG.match(self.doc.lines[line - 1]):
                continue  # an argument of a template tag, which ML406 reports
            self.doc.bare_urls.append(BareUrl(url, line, column, column + len(url)))

    def footnotes(self) -> None:
        for label, (line, column) in self.footnote_refs.items():
            self.doc.constructs.append(Construct(ConstructKind.FOOTNOTE, line, column, label))
        for label, line in self.footnote_defs.items():
            if label not in self.footnote_refs:
                self.doc.constructs.append(Construct(ConstructKind.FOOTNOTE, line, 1, label))
        self.doc.constructs.sort(key=lambda construct: (construct.line, construct.column))

    def line_constructs(self) -> None:
        """Syntax that CommonMark reads as plain text but MkDocs extensions render."""
        doc = self.doc
        extension_syntax = [(kind, pattern) for name, kind, pattern in _EXTENSION_SYNTAX if self.dialect.has(name)]
        if self.dialect.python_markdown:
            self.code_annotations()
        for number in range(self.offset, len(doc.lines) + 1):
            text = doc.lines[number - 1]
            if extension_syntax and number not in self.code_lines:
                for kind, pattern in extension_syntax:
                    match = pattern.search(text)
                    if match and not _in_code_span(text, match.start()):
                        doc.constructs.append(Construct(kind, number, match.start() + 1, match.group(0)))
            if "8<" in text and _SNIPPET.match(text):
                doc.constructs.append(Construct(ConstructKind.SNIPPET, number, 1, "--8<--"))
            if number in self.code_lines:
                continue
            if text.startswith("[^"):
                match = _FOOTNOTE_DEFINITION.match(text)
                if match:
                    self.footnote_defs.setdefault(match.group(1), number)
            if ("$" in text or "\\(" in text) and number not in self.html_lines:
                patterns = (_MATH, _INLINE_MATH) if self.dialect.has("arithmatex") else (_MATH,)
                found = [match for pattern in patterns for match in pattern.finditer(text)]
                outside = sorted(match.start() for match in found if not _in_code_span(text, match.start()))
                if outside:
                    doc.constructs.append(Construct(ConstructKind.MATH, number, outside[0] + 1, "math"))
            if "{" in text:
                patterns = (_ATTR_LIST, _ATTR_LIST_ANYWHERE) if self.dialect.has("attr_list") else (_ATTR_LIST,)
                found = {match.start(): match.group(0) for pattern in patterns for match in pattern.finditer(text)}
                for start in sorted(found):
                    if not _in_code_span(text, start):
                        doc.constructs.append(Construct(ConstructKind.ATTR_LIST, number, start + 1, found[start]))
                tag = _TEMPLATE_TAG.match(text)
                if tag:
                    opening, name = tag.groups()
                    closing = "}}" if opening == "{{" else "%}"
                    shown = f"{opening}{name} …{closing}" if name else f"{opening} …{closing}"
                    doc.constructs.append(Construct(ConstructKind.TEMPLATE, number, tag.start(1) + 1, shown))

    def code_annotations(self) -> None:
        """Material's code annotations: a ``(1)`` comment in a code block that an ordered list
        follows (the annotations), once a block; an example block that shows one is not one."""
        lines = self.doc.lines
        for first, end in self.fenced_blocks:
            after = next((line for line in lines[end : end + 20] if line.strip()), "")
            if not re.match(r"^\s{0,3}1[.)]\s", after):
                continue
            for number in range(first, min(end, len(lines) + 1)):
                match = _CODE_ANNOTATION.search(self.doc.lines[number - 1])
                if match:
                    self.doc.constructs.append(
                        Construct(ConstructKind.CODE_ANNOTATION, number, match.start() + 1, match.group(0).strip())
                    )
                    break


def _in_code_span(text: str, position: int) -> bool:
    """Whether ``position`` is inside a backtick code span of ``text`` (an odd number before it)."""
    return text.count("`", 0, position) % 2 == 1


class _InlineWalk:
    """The state of one inline token's walk: its plain text, the links still open, and the spans
    (links, code, HTML) that bare URLs cannot be inside."""

    def __init__(self, builder: _ModelBuilder, token: Token, hint: int) -> None:
        self.builder = builder
        self.content = token.content
        self.first_line = builder.line(token)
        self.hint = hint
        self.plain: list[str] = []
        self.open_links: list[_OpenLink] = []
        self.spans: list[tuple[int, int]] = []
        #: inline ``<code>`` and ``<pre>`` tags still open: where they start
        self.open_code: dict[str, int] = {}
        self._locator: _Locator | None = None

    def at(self, offset: int) -> tuple[int, int]:
        """The file line and column of an offset in the content (the locator is built on first use)."""
        if self._locator is None:
            self._locator = _Locator(self.content, self.first_line, self.builder.doc.lines, self.hint)
        return self._locator.at(offset)

    def text(self, child: Token) -> None:
        self.plain.append(child.content)
        for link in self.open_links:
            link.text.append(child.content)
            if child.type == "text" and child.content.strip():
                link.code_only = False
        if child.type == "code_inline":
            self.spans.append(child.meta.get("span", (0, 0)))

    def line_break(self, child: Token) -> None:
        self.plain.append(" ")
        for link in self.open_links:
            link.text.append(" ")

    def link_open(self, child: Token) -> None:
        start, end = child.meta.get("span", (0, 0))
        self.spans.append((start, end))
        kind = "autolink" if child.markup == "autolink" else "link"
        href = str(child.attrs.get("href", ""))
        self.open_links.append(_OpenLink(kind, href, _title(child), self.at(start), end, source_offset=start))

    def link_close(self, child: Token) -> None:
        if self.open_links:
            self.builder.close_link(self.open_links.pop(), self.content, self.at)

    def image(self, child: Token) -> None:
        start, end = child.meta.get("span", (0, 0))
        self.spans.append((start, end))
        line, column = self.at(start)
        end_line, end_column = self.at(end)
        source = self.content[start:end]
        src = str(child.attrs.get("src", ""))
        image = Link("image", child.content, src, _title(child), line, column, end_line, end_column, source=source)
        self.builder.doc.links.append(image)
        for link in self.open_links:
            link.text.append(child.content)
            link.has_image = True
            link.code_only = False

    def html(self, child: Token) -> None:
        start, end = child.meta.get("span", (0, 0))
        self.spans.append((start, end))
        self.builder.html_inline(child.content, start, end, self)

    def footnote_ref(self, child: Token) -> None:
        start, _ = child.meta.get("span", (0, 0))
        self.builder.footnote_refs.setdefault(str(child.meta.get("label", "")), self.at(start))


_INLINE_HANDLERS: dict[str, Callable[[_InlineWalk, Token], None]] = {
    "text": _InlineWalk.text,
    "code_inline": _InlineWalk.text,
    "softbreak": _InlineWalk.line_break,
    "hardbreak": _InlineWalk.line_break,
    "link_open": _InlineWalk.link_open,
    "link_close": _InlineWalk.link_close,
    "image": _InlineWalk.image,
    "html_inline": _InlineWalk.html,
    "footnote_ref": _InlineWalk.footnote_ref,
}


def _html_kind(tag: str) -> ConstructKind:
    return ConstructKind.DETAILS if tag in ("details", "summary") else ConstructKind.HTML


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Disjoint, sorted spans covering the same offsets (links may hold images)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _title(token: Token) -> str | None:
    title = token.attrs.get("title")
    return str(title) if title else None

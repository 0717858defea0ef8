"""File rules (ML901-ML902): files medlint could not read as a draft."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.context import Context
from medlint.document import Document
from medlint.findings import Problem, Severity
from medlint.rules.base import NoOptions, rule


@rule("ML901", "unreadable-file", Severity.ERROR)
def unreadable_file(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """A file that cannot be read as UTF-8 text, with the reason.

    Why: binary files, other encodings, files over ``max_file_size``, unreadable or vanished files
    cannot be checked, and Medium would garble them too. The rest of the run goes on.
    """
    if doc.read_error is not None:
        yield Problem(1, 1, f"Cannot read: {doc.read_error}")


@rule("ML902", "invalid-front-matter", Severity.ERROR)
def invalid_front_matter(doc: Document, context: Context, options: NoOptions) -> Iterator[Problem]:
    """Front matter (YAML ``---`` or TOML ``+++``) that does not parse, at the parser's line.

    Why: a broken front matter block loses the title, tags and canonical URL, and MkDocs fails on
    it. The body is still checked as Markdown.
    """
    front = doc.front_matter
    if front.error is not None:
        message, line = front.error
        yield Problem(line, 1, message[:1].upper() + message[1:])
    control = front.data.get("medlint")
    if control is not None:
        ignore = control.get("ignore") if isinstance(control, dict) else None
        if not isinstance(control, dict) or set(control) - {"ignore"} or not isinstance(ignore, (list, str)):
            yield Problem(
                front.line_of("medlint"), 1, "Front matter key medlint must be a mapping like {ignore: [ML301]}"
            )

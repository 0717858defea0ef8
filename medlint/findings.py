"""What a rule reports (a :class:`Problem`) and what the engine hands to formatters (a :class:`Finding`).

Findings carry real file paths, in their own ``path``, in their ``related`` locations and inside
their messages (a message is text with :class:`~pathlib.PurePath` parts where it names a file).
Display names are applied once, at output, by :meth:`Finding.named`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any, Protocol

Message = str | tuple[str | PurePath, ...]
"""A finding's message: plain text, or text parts and the files it names (named at output)."""

Namer = Callable[[str], str]
"""Turns a real path into the name output shows."""


class Severity(str, enum.Enum):
    """Severities, ordered; only ``error`` makes ``medlint check`` exit 1."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


class Span(Protocol):
    """Anything located in the file from start to end: a link, an image."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class PassageText:
    """One side of a matched passage: where it is and what it says."""

    line: int
    end_line: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "end_line": self.end_line, "text": self.text}


@dataclass(frozen=True, slots=True)
class MatchedPassage:
    """A passage of the draft and the passage of another page it repeats, with their similarity."""

    draft: PassageText
    page: PassageText
    score: float
    words: int

    def to_json(self) -> dict[str, Any]:
        return {"draft": self.draft.to_json(), "page": self.page.to_json(), "score": round(self.score, 3)}


class RelatedKind(str, enum.Enum):
    """What a related location is to its finding."""

    PLACE = "place"
    """Another place in the same document (the earlier link with the same text)."""
    PAGE = "page"
    """A page, or another draft, that the document is compared with."""
    PASSAGE = "passage"
    """One matched passage of such a page."""


@dataclass(frozen=True, slots=True)
class Related:
    """A location a finding refers to."""

    kind: RelatedKind
    path: str
    line: int
    end_line: int | None = None
    score: float | None = None
    url: str | None = None
    #: for a passage: the draft line it matches
    draft_line: int | None = None
    #: the matched passages, best first (by words times similarity)
    passages: tuple[MatchedPassage, ...] = ()
    #: how many of the best passages a human-readable view shows side by side
    excerpt: int = 0

    @property
    def label(self) -> str:
        """A short description, for formats that caption related locations (SARIF)."""
        if self.kind is RelatedKind.PLACE:
            return f"line {self.line}"
        score = f" ({self.score:.0%} similar)" if self.score is not None else ""
        if self.kind is RelatedKind.PASSAGE:
            return f"passage matching draft line {self.draft_line}{score}"
        return f"{self.url or 'page'}{score}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "line": self.line}
        if self.end_line is not None:
            data["end_line"] = self.end_line
        if self.score is not None:
            data["score"] = round(self.score, 3)
        if self.kind is RelatedKind.PAGE:
            data["url"] = self.url  # null for another draft: it has no address yet
        if self.draft_line is not None:
            data["draft_line"] = self.draft_line
        if self.passages:
            data["passages"] = [passage.to_json() for passage in self.passages]
        return data


class Applicability(str, enum.Enum):
    """Whether a fix is applied by ``--fix`` (safe: the meaning is kept) or only with
    ``--unsafe-fixes`` (the writer should look: it changes what the text says or claims)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from ``line``:``column`` up to (not including) ``end_line``:``end_column``
    with ``content`` (an insertion when both ends are the same). 1-based, in characters, in the
    file as read; ``\n`` in ``content`` is written as the file's own line ending."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that resolve a finding, all or none."""

    applicability: Applicability
    edits: tuple[Edit, ...]
    #: what the fix does, for SARIF and the diff's reader
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"applicability": self.applicability.value, "edits": [edit.to_json() for edit in self.edits]}


@dataclass(slots=True)
class Problem:
    """A rule's report, positioned in the original file (1-based line and column)."""

    line: int
    column: int
    message: Message
    end_line: int | None = None
    end_column: int | None = None
    related: list[Related] = field(default_factory=list)
    #: a rule may report below its configured severity (an advisory limit, an http:// URL)
    severity: Severity | None = None
    fix: Fix | None = None

    @classmethod
    def on(cls, span: Span, message: Message, **details: Any) -> Problem:
        """A problem covering ``span`` from its start to its end."""
        return cls(span.line, span.column, message, span.end_line, span.end_column, **details)


@dataclass(slots=True)
class Finding:
    """A problem of one rule in one file, at its final severity."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: Message
    related: list[Related] = field(default_factory=list)
    #: the text of the finding's first line in the file, for output that quotes it
    source: str | None = None
    fix: Fix | None = None

    @property
    def text(self) -> str:
        """The message as plain text (file parts as they are; see :meth:`named`)."""
        return message_text(self.message, str)

    def named(self, name: Namer) -> Finding:
        """This finding with every file it names (its own, related ones, those in its message) named
        by ``name``: the one step from real paths to output."""
        return replace(
            self,
            path=name(self.path),
            message=message_text(self.message, name),
            related=[replace(item, path=name(item.path)) for item in self.related],
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.text,
        }
        if self.related:
            data["related"] = [item.to_json() for item in self.related]
        if self.fix is not None:
            data["fix"] = self.fix.to_json()
        return data


def message_text(message: Message, name: Namer) -> str:
    if isinstance(message, str):
        return message
    return "".join(name(str(part)) if isinstance(part, PurePath) else part for part in message)

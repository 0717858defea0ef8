"""What a rule reports (a Problem) and what the engine hands to formatters (a Finding)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Protocol


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


@dataclass(slots=True)
class Problem:
    """A rule's report, positioned in the original file (1-based line and column)."""

    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None
    related: list[dict[str, Any]] = field(default_factory=list)
    #: a rule may report below its configured severity (an advisory limit, an http:// URL)
    severity: Severity | None = None
    #: extra text for the human-readable output only (side-by-side duplicate passages)
    explain: str | None = None

    @classmethod
    def on(cls, span: Span, message: str, **details: Any) -> Problem:
        """A problem covering ``span`` from its start to its end."""
        return cls(span.line, span.column, message, span.end_line, span.end_column, **details)


@dataclass(slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    related: list[dict[str, Any]] = field(default_factory=list)
    explain: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

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
            "message": self.message,
        }
        if self.related:
            data["related"] = self.related
        return data

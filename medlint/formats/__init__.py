"""Formatters: findings in, text out. Each module has ``render(findings, summary) -> str``.

:func:`render` is the output boundary: it names every file once (real paths become display
names) and hands the named findings to the chosen format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medlint.findings import Finding, Namer
    from medlint.rules.base import Rule

NAMES = ("text", "json", "github", "sarif")


@dataclass
class Summary:
    """What a formatter may say about the run besides its findings."""

    files: int = 0
    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    quiet: bool = False


def present(findings: list[Finding], namer: Namer) -> list[Finding]:
    """The findings as output shows them: every file they name, named."""
    return [finding.named(namer) for finding in findings]


def render(name: str, findings: list[Finding], summary: Summary, namer: Namer) -> str:
    """``findings`` (real paths) as format ``name`` (one of :data:`NAMES`)."""
    module = import_module(f"medlint.formats.{name}_format")
    return module.render(present(findings, namer), summary)  # type: ignore[no-any-return]

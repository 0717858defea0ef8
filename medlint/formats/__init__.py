"""Formatters: findings in, text out. Each module has ``render(findings, summary) -> str``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from medlint.findings import Finding
from medlint.rules.base import Rule

NAMES = ("text", "json", "github", "sarif")


@dataclass
class Summary:
    """What a formatter may say about the run besides its findings."""

    files: int = 0
    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    quiet: bool = False


def renderer(name: str) -> Callable[[list[Finding], Summary], str]:
    return import_module(f"medlint.formats.{name}_format").render  # type: ignore[no-any-return]

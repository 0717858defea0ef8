"""What a rule is: a code, a kebab-case name, a default severity, typed options, and a check.

A rule is a generator function decorated with :func:`rule`; its docstring is its documentation
(first line: what it catches; then *Why*, *Example* and *Options* sections), printed by
``medlint rules CODE`` and used as SARIF help text.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from types import ModuleType
from typing import TYPE_CHECKING, Any

from medlint.findings import Problem, Severity

if TYPE_CHECKING:
    from medlint.context import Context
    from medlint.document import Document

Check = Callable[["Document", "Context", Any], Iterable[Problem]]


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    options: type
    #: cross-document rules need the whole run (the site index, the other drafts)
    corpus: bool = False

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return " ".join(self.doc.split("\n\n", 1)[0].split()).rstrip(".")

    def option_defaults(self) -> dict[str, Any]:
        default = self.options()
        return {item.name: getattr(default, item.name) for item in fields(self.options)}


def rule(
    code: str, name: str, severity: Severity, options: type = NoOptions, corpus: bool = False
) -> Callable[[Check], Check]:
    """Declare the decorated generator as a rule; the registry collects it from its module."""

    def declare(check: Check) -> Check:
        check.rule = Rule(code, name, severity, check, options, corpus)  # type: ignore[attr-defined]
        return check

    return declare


def rules_in(module: ModuleType) -> Iterator[Rule]:
    for value in vars(module).values():
        declared = getattr(value, "rule", None)
        if isinstance(declared, Rule):
            yield declared

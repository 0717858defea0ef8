"""What a rule is: a code, a kebab-case name, a default severity, typed options, and a check.

A rule is a generator function decorated with :func:`rule`; its docstring is its documentation
(first line: what it catches; then *Why* and *Bad*/*Good* examples), printed by ``medlint rules
CODE``, used as SARIF help text and rendered into the rule pages, followed by its options (see
:mod:`medlint.options`).

A document rule is called as ``check(doc, context, options)``. A rule that declares
``needs_corpus`` runs after the cross-document comparison and is called as
``check(doc, context, options, corpus)``; one that declares ``needs_profile`` is a corpus rule
too, and finds the cross-post anchor profile in ``context.profile``. A ``built_page`` rule checks
a page of the site's build output for ``medlint import-check``, as ``check(page, context, options)``. ML901 and ML902 are reported by the engine itself while
reading; :func:`engine_rule` declares them so that they can be selected, configured and documented
like the others.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from medlint.findings import Problem, Severity
from medlint.options import OptionDoc, option_docs

if TYPE_CHECKING:
    from medlint.context import Context
    from medlint.document import Document
    from medlint.similarity import CorpusReport
    from medlint.site import Site

Check = Callable[..., Iterable[Problem]]


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    #: ``None`` for the rules the engine reports itself (ML901, ML902)
    check: Check | None
    options: type
    documentation: str
    #: says nothing without the site's pages (the CLI says so when there is no site)
    needs_site: bool = False
    #: runs after the cross-document comparison and receives its result: the drafts compared with
    #: the site's pages when it also ``needs_site``, else the drafts compared with each other
    needs_corpus: bool = False
    #: also reads the cross-post anchor profile (:mod:`medlint.anchor_profile`), in ``context``
    needs_profile: bool = False
    #: reads only the site's page index of the corpus (``corpus.index``), not its comparisons
    needs_index: bool = False
    #: checks a built HTML page (:class:`~medlint.built_page.BuiltPage`) for ``medlint
    #: import-check``, not a draft: called as ``check(page, context, options)``
    built_page: bool = False

    @property
    def compares_drafts(self) -> bool:
        """Needs the drafts compared with each other (all pairs)."""
        return self.needs_corpus and not (self.needs_site or self.needs_profile or self.needs_index)

    @property
    def compares_with_site(self) -> bool:
        """Needs the drafts aligned with their candidate pages of the site (the duplicate rules)."""
        return self.needs_corpus and self.needs_site and not (self.needs_profile or self.needs_index)

    @property
    def reads_terms(self) -> bool:
        """Needs what the site's pages are about (their terms, in the index)."""
        return self.needs_profile or self.needs_index

    @property
    def reads_index(self) -> bool:
        """Needs the site's page index: to compare with the site, or to read it."""
        return self.needs_corpus and (self.needs_site or self.needs_profile or self.needs_index)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.documentation)

    @property
    def summary(self) -> str:
        return " ".join(self.doc.split("\n\n", 1)[0].split()).rstrip(".")

    def option_docs(self) -> list[OptionDoc]:
        return option_docs(self.options)

    def run(
        self, doc: Document, context: Context, options: Any, corpus: CorpusReport | None = None
    ) -> Iterable[Problem]:
        if self.check is None:
            return ()
        if self.needs_corpus:
            return self.check(doc, context, options, corpus)
        return self.check(doc, context, options)


def rule(
    code: str,
    name: str,
    severity: Severity,
    options: type = NoOptions,
    *,
    needs_site: bool = False,
    needs_corpus: bool = False,
    needs_profile: bool = False,
    needs_index: bool = False,
    built_page: bool = False,
) -> Callable[[Check], Check]:
    """Declare the decorated generator as a rule; the registry collects it from its module. A
    rule that ``needs_profile`` or ``needs_index`` runs with the corpus rules, after every
    document is read, and is given the corpus; only the duplicate rules (``needs_corpus``) make
    medlint compare documents, which costs the most."""

    def declare(check: Check) -> Check:
        check.rule = Rule(  # type: ignore[attr-defined]
            code,
            name,
            severity,
            check,
            options,
            check.__doc__ or "",
            needs_site,
            needs_corpus or needs_profile or needs_index,
            needs_profile,
            needs_index,
            built_page,
        )
        return check

    return declare


def engine_rule(code: str, name: str, severity: Severity, documentation: str) -> Rule:
    """A rule whose findings the engine makes itself, while reading files."""
    return Rule(code, name, severity, None, NoOptions, documentation)


def rules_in(module: ModuleType) -> Iterator[Rule]:
    for value in vars(module).values():
        declared = value if isinstance(value, Rule) else getattr(value, "rule", None)
        if isinstance(declared, Rule):
            yield declared


GUESSED_URLS = "; some of the site's URLs are guessed (see the notice), so this is not an error"


def resting_on_urls(problem: Problem, site: Site | None) -> Problem:
    """``problem``, which asserts something about the site's URLs, as a warning saying so when
    some of those URLs are guessed (a plugin medlint does not read): no error is built on a guess."""
    if site is None or site.certain or not isinstance(problem.message, str):
        return problem
    return replace(problem, message=problem.message + GUESSED_URLS, severity=Severity.WARNING)

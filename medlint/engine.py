"""Run the selected rules over documents: read, check, apply inline directives, sort.

Per-file work (reading, parsing, single-document rules) is spread over processes for large runs;
cross-document rules (duplicates) run afterwards in the main process on the parsed documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from medlint.config import Config, ConfigError
from medlint.context import Context
from medlint.document import Document, read_document
from medlint.findings import Finding, Problem
from medlint.rules import RULES, matching
from medlint.rules.base import Rule
from medlint.site import Site

PARALLEL_THRESHOLD = 120
"""Files below which a second process costs more than it saves (measured with benchmarks/)."""


@dataclass(frozen=True)
class Target:
    """A file to check: where it is, and how to name it in findings."""

    file: str
    display: str
    #: set when the target could not even be listed (an unreadable folder)
    error: str | None = None


def select_rules(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    """The rules a run uses: ``--select`` (default: all), minus ``--ignore`` and rules set ``off``."""
    chosen = [rule for selector in select for rule in _named(selector)] if select else list(RULES.values())
    dropped = {rule.code for selector in ignore for rule in _named(selector)}
    codes = dict.fromkeys(
        rule.code for rule in chosen if rule.code not in dropped and config.setting(rule.code).enabled
    )
    return [RULES[code] for code in sorted(codes)]


def _named(selector: str) -> list[Rule]:
    found = matching(selector)
    if not found:
        raise ConfigError(f"unknown rule or prefix '{selector}' (see `medlint rules`)")
    return found


def lint(
    targets: Sequence[Target],
    config: Config,
    rules: Sequence[Rule],
    site: Site | None = None,
    use_cache: bool = True,
    page_memo: dict[str, Any] | None = None,
    display_root: str | None = None,
) -> list[Finding]:
    """Check ``targets`` and return their findings sorted by path, line and column."""
    context = Context(config, site, use_cache=use_cache, page_memo=page_memo, display_root=display_root)
    document_rules = [rule.code for rule in rules if not rule.corpus]
    corpus_rules = [rule for rule in rules if rule.corpus]
    findings: list[Finding] = []
    documents: list[Document] = []
    for chunk_findings, chunk_documents in _per_file(targets, context, document_rules, keep=bool(corpus_rules)):
        findings.extend(chunk_findings)
        documents.extend(chunk_documents)
    if corpus_rules:
        context.documents = [doc for doc in documents if doc.read_error is None]
        for doc in context.documents:
            findings.extend(check(doc, context, corpus_rules))
    findings.sort(key=Finding.sort_key)
    return findings


def check(doc: Document, context: Context, rules: Iterable[Rule]) -> list[Finding]:
    """Run rules on one document, dropping what its directives or front matter switch off."""
    config = context.config
    quiet = Suppressions.of(doc)
    findings: list[Finding] = []
    for rule in rules:
        if doc.read_error is not None and rule.code != "ML901":
            continue
        problems: Iterable[Problem] = rule.check(doc, context, config.options_for(rule.code))
        severity = config.severity_for(rule.code)
        for problem in problems:
            if quiet.covers(rule.code, problem.line):
                continue
            findings.append(
                Finding(
                    doc.path,
                    problem.line,
                    problem.column,
                    problem.end_line or problem.line,
                    problem.end_column or problem.column,
                    rule.code,
                    rule.name,
                    _lower(severity, problem),
                    problem.message,
                    problem.related,
                    problem.explain,
                )
            )
    return findings


def _lower(configured, problem: Problem):  # type: ignore[no-untyped-def]
    """A problem may ask for a lower severity than its rule's (an advisory limit), never a higher one."""
    if problem.severity is not None and problem.severity.rank < configured.rank:
        return problem.severity
    return configured


def _per_file(targets: Sequence[Target], context: Context, codes: list[str], keep: bool):  # type: ignore[no-untyped-def]
    workers = min(os.cpu_count() or 1, 4)
    if len(targets) < PARALLEL_THRESHOLD or workers < 2:
        yield _check_files(list(targets), context, codes, keep)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    size = max(len(targets) // (workers * 4), 1)
    chunks = [list(targets[start : start + size]) for start in range(0, len(targets), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        yield from pool.map(_check_files, chunks, [context] * len(chunks), [codes] * len(chunks), [keep] * len(chunks))


def _check_files(
    targets: list[Target], context: Context, codes: list[str], keep: bool
) -> tuple[list[Finding], list[Document]]:
    rules = [RULES[code] for code in codes]
    findings: list[Finding] = []
    documents: list[Document] = []
    for target in targets:
        if target.error is not None:
            doc = Document(target.display, target.file, read_error=target.error)
        else:
            doc = read_document(target.file, target.display, context.config.max_file_size)
        findings.extend(check(doc, context, rules))
        if keep:
            documents.append(doc)
    return findings, documents


class Suppressions:
    """Inline ``medlint-disable`` directives and front matter ``medlint: {ignore: [...]}``."""

    def __init__(self) -> None:
        self.everywhere: set[str] | None = set()  # None: every rule, in the whole file
        self.ranges: list[tuple[int, int, frozenset[str] | None]] = []

    @classmethod
    def of(cls, doc: Document) -> Suppressions:
        quiet = cls()
        ignore = doc.meta.get("medlint", {}).get("ignore") if isinstance(doc.meta.get("medlint"), dict) else None
        if isinstance(ignore, (list, str)):
            for selector in [ignore] if isinstance(ignore, str) else ignore:
                quiet.everywhere.update(_codes(str(selector)) or ())  # type: ignore[union-attr]
        open_ranges: dict[str | None, int] = {}
        last = len(doc.lines) + 1
        for directive in doc.directives:
            selected = _expand(directive.selectors)
            if directive.action == "disable-file":
                if selected is None:
                    quiet.everywhere = None
                    break
                quiet.everywhere.update(selected)  # type: ignore[union-attr]
            elif directive.action == "disable-next-line":
                quiet.ranges.append((directive.line + 1, directive.line + 1, selected))
            elif directive.action == "disable":
                for key in selected or (None,):
                    open_ranges.setdefault(key, directive.line)
            else:
                for key in list(open_ranges) if selected is None else selected:
                    if key in open_ranges:
                        quiet.ranges.append(
                            (open_ranges.pop(key), directive.line, None if key is None else frozenset({key}))
                        )
        for key, start in open_ranges.items():
            quiet.ranges.append((start, last, None if key is None else frozenset({key})))
        return quiet

    def covers(self, code: str, line: int) -> bool:
        if self.everywhere is None or code in self.everywhere:
            return True
        return any(start <= line <= end and (codes is None or code in codes) for start, end, codes in self.ranges)


@lru_cache(maxsize=256)
def _codes(selector: str) -> frozenset[str]:
    return frozenset(rule.code for rule in matching(selector))


def _expand(selectors: tuple[str, ...]) -> frozenset[str] | None:
    if not selectors:
        return None
    return frozenset().union(*(_codes(selector) for selector in selectors))

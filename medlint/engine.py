"""The engine: a :class:`Run` goes through explicit stages and comes out as findings.

1. **read** each target into a :class:`~medlint.document.Document`; a file that cannot be read is
   ML901, front matter that does not parse (or a bad ``medlint:`` key) is ML902;
2. **document rules** on each document (stages 1 and 2 are spread over processes for large runs);
3. **compare** the documents with the site and with each other, once, if a selected rule
   ``needs_corpus`` (:func:`medlint.similarity.compare`): with the site's pages for the rules that
   also need the site, between the drafts for the others (ML303);
4. **corpus rules**, which receive that comparison's result;
5. inline directives and front matter ``ignore`` drop what they switch off; findings are sorted by
   the names output will give them. Formatting (:mod:`medlint.formats`) is the caller's last step.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from medlint import language
from medlint.config import Config, ConfigError, parse_rules
from medlint.context import Context
from medlint.document import Document, read_document
from medlint.document.dialect import COMMONMARK, Dialect
from medlint.document.reader import parse_text
from medlint.files import FileNamer, Target
from medlint.findings import Finding, Problem, Severity
from medlint.loaders import ImpossibleDate
from medlint.parallel import map_chunks
from medlint.rules import RULES, matching
from medlint.rules.base import Rule
from medlint.rules.files import INVALID_FRONT_MATTER, UNREADABLE_FILE
from medlint.site import Site

if TYPE_CHECKING:
    from medlint.anchor_profile import AnchorProfile
    from medlint.similarity import CorpusReport
    from medlint.similarity.index import IndexMemo, SiteIndex

PARALLEL_THRESHOLD = 120
"""Files below which a second process costs more than it saves (measured with benchmarks/)."""


@dataclass
class Run:
    """Everything one check needs, built by a :class:`~medlint.session.Session` and handed to :func:`lint`."""

    config: Config
    rules: list[Rule]
    targets: list[Target]
    site: Site | None = None
    #: names real paths in output (a target as the user gave it, other files relative to a folder)
    namer: FileNamer = field(default_factory=FileNamer)
    use_cache: bool = True
    #: page digests kept in memory between runs of one process (``mkdocs serve``, the server)
    page_memo: IndexMemo | None = None
    #: keep every readable document in the result (a preview, a fix), not only when the corpus is compared
    keep_documents: bool = False
    #: the site's page index, kept by a long-lived front end between checks (else built each run)
    index: SiteIndex | None = None

    @property
    def needs_corpus(self) -> bool:
        return any(rule.needs_corpus for rule in self.rules)


@dataclass
class LintResult:
    """What :func:`lint` found: the findings, sorted by displayed path, line and column; the
    documents it kept (by path; one that could not be read has its ``read_error``); and the hash
    of each target's bytes as read (a fix writes only a file whose bytes are still those)."""

    findings: list[Finding]
    documents: dict[str, Document] = field(default_factory=dict)
    read_hashes: dict[str, bytes] = field(default_factory=dict)


def select_rules(
    config: Config, select: Sequence[str] = (), ignore: Sequence[str] = (), *, built_pages: bool = False
) -> list[Rule]:
    """The rules a run uses: ``--select`` (default: all), minus ``--ignore`` and rules set ``off``;
    of the rules for drafts, or with ``built_pages`` of those for built pages (``import-check``),
    with the engine's own (ML901, ML902) in both."""
    chosen = [rule for selector in select for rule in _named(selector)] if select else list(RULES.values())
    chosen = [rule for rule in chosen if rule.built_page == built_pages or rule.check is None]
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


def lint(run: Run) -> LintResult:
    """Check the run's targets."""
    site_language = run.site.language if run.site is not None else None
    context = Context(run.site, run.config.language or site_language, targets=run.config.targets)
    document_rules = [rule for rule in run.rules if not rule.needs_corpus]
    result = LintResult([])
    keep = run.needs_corpus or run.keep_documents
    if run.site is not None and run.site.has_pages and len(run.targets) >= PARALLEL_THRESHOLD:
        run.site.entries()  # found once here, not again in every worker
    for chunk_findings, chunk_documents, chunk_hashes in map_chunks(
        _read_and_check, run.targets, PARALLEL_THRESHOLD, run.config, context, document_rules, keep
    ):
        result.findings.extend(chunk_findings)
        result.documents.update((doc.path, doc) for doc in chunk_documents)
        result.read_hashes.update(chunk_hashes)
    if run.needs_corpus:
        from medlint.similarity import compare

        readable = [doc for doc in result.documents.values() if doc.read_error is None]
        corpus_rules = [rule for rule in run.rules if rule.needs_corpus]
        corpus = compare(
            readable,
            run.site,
            run.config.duplicates,
            run.use_cache,
            run.page_memo,
            with_site=any(rule.reads_index for rule in corpus_rules),
            align_with_site=any(rule.compares_with_site for rule in corpus_rules),
            between_drafts=any(rule.compares_drafts for rule in corpus_rules),
            with_terms=any(rule.reads_terms for rule in corpus_rules),
            index=run.index,
        )
        if any(rule.needs_profile for rule in corpus_rules):
            context = replace(context, profile=_profile(run, readable, corpus, context))
        for doc in readable:
            result.findings.extend(check(doc, context, document_settings(doc, run.config)[0], corpus_rules, corpus))
    result.findings.sort(key=lambda finding: (run.namer(finding.path), finding.line, finding.column, finding.code))
    return result


def _profile(run: Run, readable: list[Document], corpus: CorpusReport, context: Context) -> AnchorProfile | None:
    """The run's cross-post anchor profile (``None`` without the site's pages)."""
    site = run.site
    if site is None or not site.has_pages:
        return None
    return anchor_profile(run.config, site, readable, corpus.index, context.default_language)


def anchor_profile(
    config: Config, site: Site, drafts: list[Document], index: SiteIndex | None, language: str | None
) -> AnchorProfile:
    """The cross-post anchor profile of ``drafts`` (read already: a draft being edited is its
    unsaved text), the configured drafts folders and the site's cross-posted posts."""
    from medlint.anchor_profile import build_profile
    from medlint.files import PathError, collect
    from medlint.rules.anchor_text import generic_phrases

    folders = [str(folder) for folder in config.drafts if folder.is_dir()]
    try:
        found = collect(folders, config.exclude, config.root, site.boundary)
    except PathError:  # a drafts folder that cannot be walked adds nothing to the profile
        found = []
    files = [target.file for target in found if target.error is None]
    return build_profile(drafts, site, index, files, language, generic_phrases(language))


def _read_and_check(
    targets: list[Target], config: Config, context: Context, rules: list[Rule], keep: bool
) -> tuple[list[Finding], list[Document], dict[str, bytes]]:
    """Stages 1 and 2 for a chunk of targets (run in a worker process for large runs)."""
    selected = {rule.code for rule in rules}
    findings: list[Finding] = []
    documents: list[Document] = []
    hashes: dict[str, bytes] = {}
    dialect = context.site.dialect if context.site is not None else COMMONMARK
    for target in targets:
        doc = _read(target, config, dialect)
        settings, problems = document_settings(doc, config)
        reading = [*reading_problems(doc), *((INVALID_FRONT_MATTER, problem) for problem in problems)]
        findings.extend(
            _findings(doc, settings, [(rule, problem) for rule, problem in reading if rule.code in selected])
        )
        if keep:
            documents.append(doc)
        if doc.read_error is None:
            hashes[doc.path] = doc.content_hash
            findings.extend(check(doc, context, settings, [rule for rule in rules if rule.check is not None]))
    return findings, documents, hashes


def _read(target: Target, config: Config, dialect: Dialect) -> Document:
    """Stage 1: the target's document, from its unsaved text when it has one, else from the file."""
    if target.error is not None:
        return Document(target.file, read_error=target.error)
    if target.text is not None:
        return parse_text(target.text, target.file, config.max_file_size, config.max_front_matter_size, dialect)
    return read_document(target.file, config.max_file_size, config.max_front_matter_size, dialect)


def reading_problems(doc: Document) -> Iterable[tuple[Rule, Problem]]:
    """What reading found wrong with the file: ML901 when it could not be read, ML902 for front
    matter that does not parse or a language that is no language tag (``lang: [de]``)."""
    if doc.read_error is not None:
        yield UNREADABLE_FILE, Problem(1, 1, f"Cannot read: {doc.read_error}")
        return
    front = doc.front_matter
    if front.error is not None:
        message, line = front.error
        yield INVALID_FRONT_MATTER, Problem(line, 1, message[:1].upper() + message[1:])
    for key, value in doc.meta.items():
        if isinstance(value, ImpossibleDate):
            message = f"Front matter {key}: {value} is no date ({value.problem}); {value.consequence}"
            yield INVALID_FRONT_MATTER, Problem(front.line_of(key), 1, message)
    targets = doc.meta.get("targets")
    if targets is not None:
        from medlint.targets import NAMES, unknown_names

        unknown = unknown_names(targets)
        if unknown is None or unknown:
            shown = ", ".join(unknown) if unknown else repr(targets)
            message = f"Front matter targets must be one or more of {', '.join(NAMES)}, not {shown}"
            yield INVALID_FRONT_MATTER, Problem(front.line_of("targets"), 1, message)
    for key in language.FRONT_MATTER_KEYS:
        value = doc.meta.get(key)
        if value is not None and language.primary(value) is None:
            shown = value if isinstance(value, str) else type(value).__name__
            message = f"Front matter {key} must be a language tag such as en or pt-BR, not {shown!r}"
            yield INVALID_FRONT_MATTER, Problem(front.line_of(key), 1, message)


CONTROL_SHAPE = "{ignore: [ML301], rules: {too-many-links: {max: 40}}}"


def document_settings(doc: Document, config: Config) -> tuple[Config, list[Problem]]:
    """The configuration for one document: the run's, with the rule settings of its front matter
    ``medlint: {rules: ...}`` on top, validated as in ``.medlint.yml``. A bad ``medlint:`` value is
    an ML902 problem (and the run's settings apply)."""
    control = doc.meta.get("medlint")
    if control is None:
        return config, []
    line = doc.front_matter.line_of("medlint")
    if not isinstance(control, dict) or set(control) - {"ignore", "rules"}:
        return config, [Problem(line, 1, f"Front matter key medlint must be a mapping like {CONTROL_SHAPE}")]
    problems = []
    ignore = control.get("ignore")
    if ignore is not None and not isinstance(ignore, str) and not _all_text(ignore):
        problems.append(Problem(line, 1, "Front matter medlint.ignore must be a list of rule codes or names"))
    if control.get("rules") is None:
        return config, problems
    try:
        rules, moved = parse_rules(control["rules"], "Front matter medlint")
    except ConfigError as exc:
        return config, [*problems, Problem(line, 1, str(exc))]
    if moved:
        names = ", ".join(moved)
        problems.append(
            Problem(line, 1, f"Front matter medlint.rules: {names} are set under duplicates: in .medlint.yml")
        )
    return replace(config, rules={**config.rules, **rules}), problems


def check(
    doc: Document, context: Context, config: Config, rules: Iterable[Rule], corpus: CorpusReport | None = None
) -> list[Finding]:
    """Run rules on one read document, dropping what its directives or front matter switch off."""
    rules = [rule for rule in rules if config.setting(rule.code).enabled]
    return _findings(
        doc,
        config,
        (pair for rule in rules for pair in _guarded(rule, doc, context, config.options_for(rule), corpus)),
    )


def _guarded(
    rule: Rule, doc: Document, context: Context, options: Any, corpus: CorpusReport | None
) -> list[tuple[Rule, Problem]]:
    """A rule's problems; a rule that fails on this file (a bug medlint should hear about) is an
    ML901 finding on the file, and the run goes on with the other rules and files."""
    try:
        return [(rule, problem) for problem in rule.run(doc, context, options, corpus)]
    except Exception as exc:
        if os.environ.get("MEDLINT_DEBUG"):
            raise
        reason = f"{type(exc).__name__}: {exc}"
        return [
            (UNREADABLE_FILE, Problem(1, 1, f"Cannot check with {rule.code} ({rule.name}): {reason}; please report it"))
        ]


def _findings(doc: Document, config: Config, problems: Iterable[tuple[Rule, Problem]]) -> list[Finding]:
    quiet = Suppressions.of(doc)
    findings = []
    for rule, problem in problems:
        if quiet.covers(rule.code, problem.line):
            continue
        source = doc.lines[problem.line - 1] if 0 < problem.line <= len(doc.lines) else None
        findings.append(
            Finding(
                doc.path,
                problem.line,
                problem.column,
                problem.end_line or problem.line,
                problem.end_column or problem.column,
                rule.code,
                rule.name,
                lowered(config.severity_for(rule), problem),
                problem.message,
                problem.related,
                source,
                problem.fix,
            )
        )
    return findings


def lowered(configured: Severity, problem: Problem) -> Severity:
    """A problem may ask for a lower severity than its rule's (an advisory limit), never a higher one."""
    if problem.severity is not None and problem.severity.rank < configured.rank:
        return problem.severity
    return configured


class Suppressions:
    """Inline ``medlint-disable`` directives and front matter ``medlint: {ignore: [...]}``."""

    def __init__(self) -> None:
        self.everywhere: set[str] | None = set()  # None: every rule, in the whole file
        self.ranges: list[tuple[int, int, frozenset[str] | None]] = []

    @classmethod
    def of(cls, doc: Document) -> Suppressions:
        quiet = cls()
        control = doc.meta.get("medlint")
        ignore = control.get("ignore") if isinstance(control, dict) else None
        if isinstance(ignore, str) or _all_text(ignore):
            for selector in [ignore] if isinstance(ignore, str) else ignore:
                quiet.everywhere.update(_codes(selector))  # type: ignore[union-attr]
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

    def covers_file(self, code: str) -> bool:
        """Whether ``code`` is off in the whole file (front matter ``ignore``, ``disable-file``)."""
        return self.everywhere is None or code in self.everywhere

    def covers(self, code: str, line: int) -> bool:
        if self.everywhere is None or code in self.everywhere:
            return True
        return any(start <= line <= end and (codes is None or code in codes) for start, end, codes in self.ranges)


def _all_text(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


@lru_cache(maxsize=256)
def _codes(selector: str) -> frozenset[str]:
    return frozenset(rule.code for rule in matching(selector))


def _expand(selectors: tuple[str, ...]) -> frozenset[str] | None:
    if not selectors:
        return None
    return frozenset().union(*(_codes(selector) for selector in selectors))

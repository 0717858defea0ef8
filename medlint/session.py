"""The session: what every front end (the CLI, the MkDocs plugin, the language server, the tests)
asks of medlint, built once and used for as many checks as it likes.

A :class:`Session` holds the configuration, the selected rules, the site and the page cache. It
lints files (:meth:`Session.lint_paths`, :meth:`Session.lint_targets`) or an editor's unsaved text
(:meth:`Session.lint_text`), previews a draft (:meth:`Session.preview`) and fixes what a check
found (:meth:`Session.fix`); each returns a result instead of writing into its input. A
long-lived front end tells it which files changed (:meth:`Session.invalidate`). Notices go to the
front end's ``notify`` callback (see :mod:`medlint.notices`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.config import Config
from medlint.engine import LintResult, Run, anchor_profile, lint, select_rules
from medlint.files import Boundary, FileNamer, Target, collect, display_path
from medlint.notices import Notify, routed_to
from medlint.rules.files import UNREADABLE_FILE

if TYPE_CHECKING:
    from medlint.anchor_profile import AnchorProfile
    from medlint.findings import Finding
    from medlint.fixes import FixOutcome
    from medlint.preview import ImportVerdict
    from medlint.rules.base import Rule
    from medlint.similarity.index import SiteIndex
    from medlint.site import Site
    from medlint.story import Rendering


class Session:
    """Configuration, rules, site and cache for any number of checks."""

    def __init__(
        self,
        config: Config,
        rules: list[Rule],
        site: Site | None,
        *,
        boundary: Boundary | None = None,
        use_cache: bool = True,
        notify: Notify | None = None,
        root: str | os.PathLike[str] | None = None,
    ) -> None:
        self.config = config
        self.rules = rules
        self.site = site
        self.boundary = boundary if boundary is not None else config.boundary
        self.use_cache = use_cache
        self.notify = notify
        #: the folder output names files relative to (``None``: the current folder)
        self.root = root
        from medlint.similarity.index import IndexMemo

        #: page digests kept in memory between checks (``mkdocs serve`` rebuilds, the server)
        self.page_memo = IndexMemo()
        #: a long-lived front end keeps the site's page index between checks, until told that a
        #: file changed (:meth:`invalidate`); a run of the CLI builds it once anyway
        self.keep_index = False
        self._index: SiteIndex | None = None

    @classmethod
    def open(
        cls,
        config: Config,
        boundary: Boundary | None = None,
        *,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        use_cache: bool | None = None,
        trust_site: bool = False,
        notify: Notify | None = None,
        built_pages: bool = False,
    ) -> Session:
        """A session on ``config``'s site, read by its generator as data (``trust_site``: the
        person running medlint lets the site's own code run to learn its URLs), with the rules for
        drafts or, with ``built_pages``, those for built pages (:meth:`import_check`). Raises
        :class:`~medlint.config.ConfigError` or :class:`~medlint.site.SiteError`."""
        from medlint.generators import open_site

        boundary = boundary if boundary is not None else config.boundary
        caching = config.cache if use_cache is None else use_cache
        rules = select_rules(config, select, ignore, built_pages=built_pages)
        with routed_to(notify):
            site = open_site(config.site, config.site_url, boundary, config.generator, caching, trust_site)
        return cls(config, rules, site, boundary=boundary, use_cache=caching, notify=notify)

    @property
    def has_pages(self) -> bool:
        return self.site is not None and self.site.has_pages

    def default_paths(self, cwd: Path) -> list[str]:
        """What ``medlint check`` with no path checks: the configured drafts folders, and the pages
        the site's generator would not publish, named relative to ``cwd``."""
        with routed_to(self.notify):
            drafts = self.site.drafts() if self.site is not None else []
        return [
            *(display_path(path, cwd) for path in self.config.drafts if path.exists()),
            *(display_path(path, cwd) for path in drafts),
        ]

    def targets(self, paths: Sequence[str]) -> list[Target]:
        """The files ``paths`` name (folders searched), each once. Raises :class:`~medlint.files.PathError`."""
        return collect(paths, self.config.exclude, self.config.root, self.boundary)

    def lint_paths(self, paths: Sequence[str], *, keep_documents: bool = False) -> LintResult:
        """Check the files ``paths`` name."""
        targets = self.targets(paths)
        return self.lint_targets(targets, FileNamer(targets, self.root), keep_documents=keep_documents)

    def lint_targets(self, targets: list[Target], namer: FileNamer, *, keep_documents: bool = False) -> LintResult:
        """Check ``targets``; ``namer`` names files in the findings' order."""
        with routed_to(self.notify):
            index = self.page_index() if self.keep_index and any(rule.needs_corpus for rule in self.rules) else None
            run = Run(
                self.config,
                self.rules,
                targets,
                self.site,
                namer,
                self.use_cache,
                self.page_memo,
                keep_documents=keep_documents,
                index=index,
            )
            return lint(run)

    def anchors(self, paths: Sequence[str]) -> AnchorProfile:
        """The cross-post anchor profile of the drafts ``paths`` name, the configured drafts
        folders and the site's cross-posted posts. Raises :class:`~medlint.files.PathError`, and
        :class:`~medlint.site.SiteError` without the site's pages (the profile is of links home)."""
        from medlint.document import read_document
        from medlint.site import SiteError

        site = self.site
        if site is None or not site.has_pages:
            raise SiteError("the anchor profile is of links to the site's pages: give --site DIR or a mkdocs.yml")
        with routed_to(self.notify):
            targets = [target for target in self.targets(paths) if target.error is None]
            documents = [read_document(target.file, dialect=site.dialect) for target in targets]
            return anchor_profile(self.config, site, documents, self.page_index(), self.language)

    def import_check(self, paths: Sequence[str]) -> tuple[list[Finding], int]:
        """The built-page rules' findings on the pages of the site's build output that ``paths``
        name (build folders, HTML files, or drafts whose pages to check; none: the site's build
        folder), and how many pages were checked. Raises :class:`~medlint.files.PathError`."""
        from medlint.context import Context
        from medlint.import_check import built_targets, check_built

        site = self.site
        with routed_to(self.notify):
            default = site.generator.output_folder(site) if site is not None else None
            if default is None and not paths:
                default = Path(self.config.root) / "site"
            targets = built_targets(paths, site, self.boundary, default)
            context = Context(site, self.language)
            findings = check_built(targets, self.rules, self.config, context)
        findings.sort(key=lambda finding: (finding.path, finding.line, finding.column, finding.code))
        return findings, len(targets)

    def anchor_limits(self) -> tuple[float, int]:
        """When one text is overused: ML110's ``max_share`` and ``min_links`` as configured."""
        from medlint.rules import RULES

        options = self.config.options_for(RULES["ML110"])
        return options.max_share, options.min_links

    def lint_text(self, path: str | os.PathLike[str], text: str) -> LintResult:
        """Check ``text`` as the content of ``path`` (an editor's unsaved buffer): the same rules,
        site and comparison as a check of the file, without reading it."""
        file = os.fspath(path)
        target = Target(file, None, None, text)
        return self.lint_targets([target], FileNamer([target], self.root), keep_documents=True)

    def preview(self, path: str | os.PathLike[str], text: str | None = None) -> tuple[str, LintResult]:
        """The preview page of the draft at ``path`` (``text``: its unsaved content) and the check
        it shows. Raises :class:`~medlint.story.PreviewError` when the draft cannot be read or rendered."""
        file = os.fspath(path)
        targets = [Target(file, None, None, text)] if text is not None else self.targets([file])
        namer = FileNamer(targets, self.root)
        result = self.lint_targets(targets, namer, keep_documents=True)
        return self.preview_of(result, targets[0], namer), result

    def preview_of(self, result: LintResult, target: Target, namer: FileNamer) -> str:
        """The preview page of ``target``, one of the targets of ``result`` (a check that kept its
        documents), with that check's findings on it."""
        from medlint.preview import render_page
        from medlint.story import PreviewError

        doc = result.documents.get(target.file)
        if doc is None or doc.read_error is not None:
            raise PreviewError(target.error or (doc.read_error if doc is not None else None) or "it cannot be read")
        own = [finding for finding in result.findings if finding.path == target.file]
        verdict = self.import_verdict(target.file)
        return render_page(doc, doc.data, own, namer, self.language, self._rendering(target.file), verdict)

    def export(self, path: str | os.PathLike[str], target: str) -> tuple[str, list[str]]:
        """The draft at ``path`` as platform ``target`` takes it (:mod:`medlint.export`), and the
        links it left relative; for Medium, the preview page. Raises
        :class:`~medlint.story.PreviewError` when the draft cannot be read."""
        from medlint.export import export_markdown
        from medlint.story import PreviewError
        from medlint.targets import platform

        if target == "medium":
            return self.preview(path)[0], []
        file = os.fspath(path)
        targets = self.targets([file])
        result = self.lint_targets(targets, FileNamer(targets, self.root), keep_documents=True)
        doc = result.documents.get(targets[0].file) if targets else None
        if doc is None or doc.read_error is not None:
            raise PreviewError(targets[0].error if targets and targets[0].error else "it cannot be read")
        site = self.site
        page_url = None
        if site is not None and site.site_url and site.docs_dir is not None:
            inside = Path(os.path.realpath(site.docs_dir)) in Path(os.path.realpath(doc.path)).parents
            with routed_to(self.notify):  # a draft outside the site's pages has no URL yet
                page_url = site.url(Path(os.path.abspath(doc.path))) if inside else None  # as the site lists it
        own = [finding for finding in result.findings if finding.path == doc.path]
        exported = export_markdown(doc, own, platform(target), self._rendering(doc.path).expand, page_url)
        return exported.text, exported.left

    def import_verdict(self, file: str) -> ImportVerdict:
        """Whether the built page of the draft ``file`` is ready for Medium's Import: the
        built-page rules on it, when the site's build folder has it."""
        from medlint.context import Context
        from medlint.files import PathError
        from medlint.import_check import built_targets, check_built
        from medlint.preview import ImportVerdict

        site = self.site
        folder = site.generator.output_folder(site) if site is not None and site.has_pages else None
        if site is None or folder is None:
            return ImportVerdict(unknown="medlint knows no site whose build to read (give --site DIR)")
        if not folder.is_dir():
            return ImportVerdict(
                unknown=f"the site is not built here ({folder} is absent): build it, then run medlint import-check"
            )
        with routed_to(self.notify):
            try:
                targets = built_targets([file], site, self.boundary, folder)
            except PathError as exc:
                return ImportVerdict(unknown=str(exc))
            if not targets:
                return ImportVerdict(
                    unknown=f"{folder} has no page built from this draft (a draft is built once it is published)"
                )
            rules = select_rules(self.config, built_pages=True)
            findings = check_built(targets, rules, self.config, Context(site, self.language))
        return ImportVerdict(targets[0].file, targets[0].url, findings)

    def _rendering(self, file: str) -> Rendering:
        """How the story of the draft ``file`` is read: its site's Markdown extensions, shortcodes
        and references."""
        from medlint.site import Reach
        from medlint.story import Rendering

        site = self.site
        if site is None:
            return Rendering()

        def resolve(reference: str) -> str | None:
            with routed_to(self.notify):
                location = site.locate(reference, file)
            return location.url if location.reach in (Reach.PAGE, Reach.GENERATED, Reach.FILE) else None

        extensions = site.settings.get("markdown_extensions") if site.dialect.python_markdown else None
        expand = partial(site.generator.expand_markup, resolve=resolve)
        return Rendering(extensions, expand, commonmark=not site.dialect.python_markdown)

    @property
    def language(self) -> str | None:
        """The language drafts are written in when they do not say."""
        return self.config.language or (self.site.language if self.site is not None else None)

    def fix(self, result: LintResult, namer: FileNamer, *, unsafe: bool, write: bool) -> FixOutcome:
        """Apply (``write``) or diff the fixes of ``result``'s findings to the drafts it read; the
        site's sources (its pages, published or not: a ``draft: true`` post's relative links are right
        on the site) and files changed since they were read are left alone."""
        from medlint.fixes import fix_files

        with routed_to(self.notify):
            protected = [page.file for page in self.site.entries() if page.file] if self.site is not None else []
        severity = self.config.severity_for(UNREADABLE_FILE)
        return fix_files(result.findings, result.read_hashes, protected, namer, severity, unsafe, write, self.boundary)

    def warm(self) -> None:
        """Read the site's pages and index them now, so the first check of a long-lived front end
        (the language server) costs what every later one does."""
        with routed_to(self.notify):
            self.page_index()

    def page_index(self) -> SiteIndex | None:
        """The index of every published page, built once (page digests from memory or the cache)."""
        from medlint.similarity.index import SiteIndex

        site = self.site
        if site is None or not site.has_pages:
            return None
        if self._index is None:
            with_terms = any(rule.reads_terms for rule in self.rules)
            self._index = SiteIndex.of_site(site, self.use_cache, self.page_memo, with_terms=with_terms)
            self._index.keep_postings()
        return self._index

    def invalidate(self, changed: Iterable[str | os.PathLike[str]]) -> None:
        """Files changed on disk: a page, a content file or a settings file of the site makes the
        site read its pages again when next asked (page digests are checked by content anyway)."""
        site = self.site
        if site is None:
            return
        watched = [folder for folder in (site.docs_dir, site.settings_file) if folder is not None]
        for path in map(Path, map(os.path.abspath, changed)):
            if any(path == place or place in path.parents for place in watched):
                site.forget()
                self._index = None  # rebuilt when next needed: only changed pages are digested again
                return

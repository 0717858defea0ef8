"""``medlint server``: the Language Server Protocol front end, over stdio (pygls).

A thin front end, as the CLI is: each open document is checked by a
:class:`~medlint.session.Session` (one per configuration, found as ``check`` finds it from the
document's folder) on the editor's unsaved text, and its findings become diagnostics. A session
keeps the site's pages and page digests warm between checks; it is warmed in the background when
it is first made, and told which files changed on disk (watched files) so the site is read again.
Checks run one at a time in a worker thread, so the editor's messages are answered meanwhile; a
change is checked at once, and the changes that arrive during a check are checked together when
it ends. No code from the repository runs, as for ``check``.

- diagnostics: ``code`` the rule code, ``codeDescription`` its documentation, the severity
  mapped, exact ranges (0-based lines, UTF-16 columns), ``relatedInformation`` for a duplicate's
  page and passages;
- code actions: each fix as a ``quickfix`` (safe ones preferred, unsafe ones labelled), "fix all
  safe problems" (``source.fixAll``), and a ``medlint-disable-next-line`` comment;
- hover: the rule's documentation over a finding;
- the command ``medlint.anchors`` (``workspace/executeCommand``, argument: a document's or a
  folder's URI): the folder's cross-post anchor profile, the object ``medlint anchors --format
  json`` prints. A saved draft changes the profile, so every open document is checked again.
"""

from __future__ import annotations

import asyncio
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from medlint import __version__
from medlint.findings import Applicability, Edit, Finding, Severity

SETTINGS_FILES = (".medlint.yml", ".medlint.yaml", "pyproject.toml")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class _Checked:
    """The last check of an open document: its text and findings."""

    text: str
    findings: list[Finding] = field(default_factory=list)


class MedlintServer(LanguageServer):
    """The language server: sessions by configuration, the last check of each open document."""

    def __init__(self) -> None:
        super().__init__("medlint", __version__)
        self.sessions: dict[str, Any] = {}
        self.checked: dict[str, _Checked] = {}
        #: documents being checked, and those changed since their check began
        self.running: set[str] = set()
        self.stale: set[str] = set()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medlint-check")
        #: what the editor's settings add to the configuration (``initializationOptions``)
        self.editor = EditorSettings()

    def session_for(self, path: Path) -> Any:
        """The session for a document (made, and warmed in the background, on first use)."""
        from medlint.config import load_config, with_severities
        from medlint.session import Session

        folder = self.folder_of(path)
        explicit = folder / self.editor.config if self.editor.config else None
        config = with_severities(load_config(folder, explicit), self.editor.severity, "the editor's medlint.severity")
        key = config.source or str(config.root)
        session = self.sessions.get(key)
        if session is None:
            session = Session.open(config, notify=self.notice)
            session.keep_index = True
            self.sessions[key] = session
            self.worker.submit(session.warm)
        return session

    def folder_of(self, path: Path) -> Path:
        """The workspace folder that holds ``path`` (where ``check`` would run), else its folder."""
        roots = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        if self.workspace.root_path:
            roots.append(self.workspace.root_path)
        holding = [Path(root) for root in roots if root and (Path(root) == path or Path(root) in path.parents)]
        return max(holding, key=lambda root: len(root.parts)) if holding else path.parent

    def notice(self, message: str) -> None:
        self.window_log_message(types.LogMessageParams(types.MessageType.Info, f"medlint: {message}"))

    async def check(self, uri: str) -> None:
        """Check a document's current text and publish its diagnostics."""
        document = self.workspace.get_text_document(uri)
        path = to_fs_path(uri)
        if path is None:
            return
        text = document.source
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(self.worker, self._findings, Path(path), text)
        except Exception as exc:  # a bad configuration or site: said, never a crash of the server
            self.notice(f"cannot check {path}: {exc}")
            findings = []
        self.checked[uri] = _Checked(text, findings)
        lines = lines_of(text)
        diagnostics = [diagnostic(finding, lines) for finding in findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version)
        )

    def _findings(self, path: Path, text: str) -> list[Finding]:
        return self.session_for(path).lint_text(path, text).findings

    def anchors_of(self, path: Path) -> dict[str, object]:
        """The anchor profile (``medlint anchors --format json``'s object) of the folder holding ``path``."""
        from medlint import anchor_report
        from medlint.files import FileNamer

        folder = self.folder_of(path)
        session = self.session_for(folder / "_")
        profile = session.anchors(session.default_paths(Path.cwd()))
        return anchor_report.as_data(profile, FileNamer([], folder), anchor_report.Limits(*session.anchor_limits()))

    def schedule(self, uri: str) -> None:
        """Check ``uri`` now; changes that arrive while a check runs are folded into one more
        check when it ends, so typing never queues a check per keystroke."""
        if uri in self.running:
            self.stale.add(uri)
            return
        self.running.add(uri)

        async def checking() -> None:
            try:
                while True:
                    self.stale.discard(uri)
                    await self.check(uri)
                    if uri not in self.stale:
                        return
            finally:
                self.running.discard(uri)

        asyncio.get_running_loop().create_task(checking())

    def files_changed(self, paths: list[str]) -> None:
        """Files changed on disk: settings make their session be made again; anything else is
        passed to every session, which reads its site again if the file is the site's."""
        if any(Path(path).name in SETTINGS_FILES or Path(path).suffix in (".yml", ".yaml", ".toml") for path in paths):
            self.sessions.clear()
        for session in self.sessions.values():
            self.worker.submit(session.invalidate, paths)


@dataclass(frozen=True)
class EditorSettings:
    """The editor's settings for medlint, sent as ``initializationOptions`` (the VS Code
    extension's ``medlint.config`` and ``medlint.severity``): a settings file, relative to the
    workspace folder, to use instead of the one ``check`` would find, and severities by rule code
    or name (``error``, ``warning``, ``info``, ``off``) over the configured ones."""

    config: str | None = None
    severity: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, options: Any) -> EditorSettings:
        if not isinstance(options, dict):
            return cls()
        config = options.get("config")
        severity = options.get("severity")
        return cls(
            config if isinstance(config, str) and config.strip() else None,
            {str(key): str(value) for key, value in severity.items()} if isinstance(severity, dict) else {},
        )


server = MedlintServer()


@server.feature(types.INITIALIZE)
def _initialize(ls: MedlintServer, params: types.InitializeParams) -> None:
    ls.editor = EditorSettings.of(params.initialization_options)


@server.feature(types.INITIALIZED)
def _initialized(ls: MedlintServer, params: types.InitializedParams) -> None:
    """Ask the editor to tell us when Markdown and settings files change on disk."""
    dynamic = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if dynamic and dynamic.dynamic_registration:
        watchers = [
            types.FileSystemWatcher(glob_pattern=pattern)
            for pattern in ("**/*.md", "**/*.markdown", "**/*.mdx", "**/*.{yml,yaml,toml}")
        ]
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = types.Registration("medlint-watch", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
        ls.client_register_capability(types.RegistrationParams([registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _opened(ls: MedlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _changed(ls: MedlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _saved(ls: MedlintServer, params: types.DidSaveTextDocumentParams) -> None:
    """The saved draft's links are the profile's now: ML105 and ML110 of every open document may change."""
    for uri in {params.text_document.uri, *ls.checked}:
        ls.schedule(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _closed(ls: MedlintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.checked.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: MedlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    paths = [path for change in params.changes if (path := to_fs_path(change.uri)) is not None]
    ls.files_changed(paths)
    for uri in list(ls.checked):
        ls.schedule(uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
)
def _code_actions(ls: MedlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    checked = ls.checked.get(params.text_document.uri)
    if checked is None:
        return []
    lines = lines_of(checked.text)
    uri = params.text_document.uri
    actions = []
    for finding in checked.findings:
        if not _overlaps(finding, params.range, lines):
            continue
        shown = diagnostic(finding, lines)
        if finding.fix is not None:
            unsafe = finding.fix.applicability is Applicability.UNSAFE
            title = f"{finding.fix.description}{' (unsafe: check it)' if unsafe else ''}"
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    edit=_workspace_edit(uri, finding.fix.edits, lines),
                    is_preferred=not unsafe,
                )
            )
        directive = f"<!-- medlint-disable-next-line {finding.code} -->\n"
        insert = types.TextEdit(
            types.Range(types.Position(finding.line - 1, 0), types.Position(finding.line - 1, 0)), directive
        )
        actions.append(
            types.CodeAction(
                title=f"Disable {finding.code} ({finding.rule}) for this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[shown],
                edit=types.WorkspaceEdit(changes={uri: [insert]}),
            )
        )
    safe = _fix_all(checked, uri, lines)
    if safe is not None:
        actions.append(safe)
    return actions


def _fix_all(checked: _Checked, uri: str, lines: list[str]) -> types.CodeAction | None:
    """Every safe fix of the document at once (the non-overlapping ones, as ``--fix`` chooses)."""
    from medlint.fixes import choose

    plans = choose(checked.findings, unsafe=False)
    edits = [edit for plan in plans.values() for edit in plan.edits]
    if not edits:
        return None
    return types.CodeAction(
        title=f"Fix all safe problems in this file ({len(edits)})",
        kind=types.CodeActionKind.SourceFixAll,
        edit=_workspace_edit(uri, edits, lines),
    )


@server.command("medlint.anchors")
async def _anchors(ls: MedlintServer, uri: str) -> dict[str, object]:
    """The cross-post anchor profile of the workspace folder that holds ``uri``, as JSON data
    (made in the checks' worker, so it sees the site as they do)."""
    path = to_fs_path(uri)
    if path is None:
        raise ValueError(f"not a file URI: {uri}")
    return await asyncio.get_running_loop().run_in_executor(ls.worker, ls.anchors_of, Path(path))


@server.feature(types.TEXT_DOCUMENT_HOVER)
def _hover(ls: MedlintServer, params: types.HoverParams) -> types.Hover | None:
    from medlint.rules import RULES

    checked = ls.checked.get(params.text_document.uri)
    if checked is None:
        return None
    lines = lines_of(checked.text)
    point = types.Range(params.position, params.position)
    parts = []
    for finding in checked.findings:
        if _overlaps(finding, point, lines) and finding.code in RULES:
            rule = RULES[finding.code]
            parts.append(f"**{rule.code} {rule.name}** ({finding.severity.value})\n\n{rule.doc}")
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(dict.fromkeys(parts))))


def lines_of(text: str) -> list[str]:
    """The lines as the protocol counts them (``\n``, ``\r\n`` and ``\r`` end one), as medlint does."""
    return re.split(r"\r\n|\r|\n", text)


def diagnostic(finding: Finding, lines: list[str]) -> types.Diagnostic:
    """A finding as an LSP diagnostic."""
    from medlint.ruledocs import doc_url

    url = doc_url(finding.code)
    related = []
    for item in finding.related:
        if item.path and item.line:
            target = from_fs_path(os.path.abspath(item.path)) or item.path
            where = types.Location(
                target, types.Range(types.Position(item.line - 1, 0), types.Position(item.line - 1, 0))
            )
            related.append(types.DiagnosticRelatedInformation(where, item.label))
    return types.Diagnostic(
        range=_range(finding.line, finding.column, finding.end_line, finding.end_column, lines),
        message=finding.text,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(url) if url else None,
        source="medlint",
        related_information=related or None,
    )


def _range(line: int, column: int, end_line: int, end_column: int, lines: list[str]) -> types.Range:
    """1-based lines and character columns (end exclusive) as 0-based lines and UTF-16 columns."""
    start = types.Position(line - 1, _utf16(lines, line, column))
    end = types.Position(end_line - 1, _utf16(lines, end_line, end_column))
    return types.Range(start, end if (end.line, end.character) >= (start.line, start.character) else start)


def _utf16(lines: list[str], line: int, column: int) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(text[: max(column - 1, 0)].encode("utf-16-le")) // 2


def _workspace_edit(uri: str, edits: tuple[Edit, ...] | list[Edit], lines: list[str]) -> types.WorkspaceEdit:
    changes = [
        types.TextEdit(_range(edit.line, edit.column, edit.end_line, edit.end_column, lines), edit.content)
        for edit in edits
    ]
    return types.WorkspaceEdit(changes={uri: changes})


def _overlaps(finding: Finding, wanted: types.Range, lines: list[str]) -> bool:
    shown = _range(finding.line, finding.column, finding.end_line, finding.end_column, lines)
    return (shown.start.line, shown.start.character) <= (wanted.end.line, wanted.end.character) and (
        wanted.start.line,
        wanted.start.character,
    ) <= (shown.end.line, shown.end.character)


def serve() -> None:
    """Run the server on standard input and output until the editor shuts it down."""
    from medlint.parallel import stay_in_process

    stay_in_process()
    server.start_io()

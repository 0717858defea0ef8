"""The MkDocs front end: ``plugins: [medlint]`` in ``mkdocs.yml``.

Every page of the site is the comparison corpus; the drafts (by default the ``drafts`` folder
beside ``docs_dir`` and pages whose front matter says ``draft: true``) are checked, and each
finding is logged as a warning, so ``mkdocs build --strict`` fails on it. Info findings are
logged at info level and never fail a build.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.medlint")
_DRAFT_FLAG = re.compile(r"^draft\s*[:=]\s*true\s*$", re.MULTILINE | re.IGNORECASE)


class _Rules(c.BaseConfigOption[dict]):  # type: ignore[type-arg]
    """``rules:`` validated exactly as in ``.medlint.yml``."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict = {}  # type: ignore[type-arg]

    def run_validation(self, value: object) -> dict:  # type: ignore[type-arg]
        from medlint.config import ConfigError, parse_rules

        try:
            parse_rules(value, "medlint")
        except ConfigError as exc:
            raise base.ValidationError(str(exc).removeprefix("medlint: ")) from None
        return value if isinstance(value, dict) else {}


class MedlintConfig(base.Config):
    check = c.Choice(("drafts", "all", "none"), default="drafts")
    drafts = c.ListOfItems(c.Type(str), default=["drafts"])
    site_url = c.Optional(c.URL())
    rules = _Rules()
    exclude = c.ListOfItems(c.Type(str), default=[])
    max_file_size = c.Optional(c.Type(int))
    cache = c.Type(bool, default=True)


class MedlintPlugin(BasePlugin[MedlintConfig]):
    def __init__(self) -> None:
        self.page_memo: dict[str, Any] = {}
        self.project_dir = Path.cwd()
        self.site_url: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this plugin between ``mkdocs serve`` rebuilds, and with it the
        in-memory page index: a rebuild re-reads the site but re-digests only changed pages."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.site_url = _published_site_url(config)
        return config

    def _medlint_config(self) -> Any:
        from medlint.config import parse_config

        raw: dict[str, Any] = {"rules": self.config.rules, "exclude": self.config.exclude, "cache": self.config.cache}
        if self.config.site_url:
            raw["site_url"] = self.config.site_url
        if self.config.max_file_size:
            raw["max_file_size"] = self.config.max_file_size
        return parse_config(raw, self.project_dir, "mkdocs.yml: plugins.medlint")

    def _drafts_dirs(self) -> list[Path]:
        return [self.project_dir / folder for folder in self.config.drafts]

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in self._drafts_dirs():
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.config.check == "none":
            return files
        from medlint.context import display_path
        from medlint.discover import collect
        from medlint.engine import Target, lint, select_rules
        from medlint.site import Site

        settings = self._medlint_config()
        pages = [Path(file.abs_src_path) for file in files.documentation_pages() if file.abs_src_path]
        site = Site(
            Path(config.docs_dir).resolve(),
            settings.site_url or self.site_url,
            bool(config.use_directory_urls),
            self.project_dir / "mkdocs.yml",
            known_pages=pages,
        )
        root = str(self.project_dir)
        targets = [Target(file, display_path(file, root)) for file in self._checked_pages(pages)]
        folders = [str(folder) for folder in self._drafts_dirs() if folder.is_dir()]
        if folders:
            targets += [
                Target(t.file, display_path(t.file, root), t.error) for t in collect(folders, settings.exclude, root)
            ]
        if not targets:
            return files
        findings = lint(targets, settings, select_rules(settings), site, settings.cache, self.page_memo, root)
        for finding in findings:
            message = f"{finding.path}:{finding.line}: {finding.code} {finding.message}"
            if finding.severity.value == "info":
                log.info(message)
            else:
                log.warning(message)
        return files

    def _checked_pages(self, pages: list[Path]) -> list[str]:
        if self.config.check == "all":
            return [str(page) for page in pages]
        return [str(page) for page in pages if _declares_draft(page)]


def _published_site_url(config: MkDocsConfig) -> str | None:
    """The site's public address. ``mkdocs serve`` (``--clean`` too) replaces ``site_url`` with the
    local server's; then it is read again from the configuration file, with the reader the CLI
    uses (``INHERIT`` and ``!ENV`` included), because drafts are judged against the published site."""
    url = config.site_url
    host, port = config.dev_addr
    if not url or urlsplit(url).netloc != f"{host}:{port}" or not config.config_file_path:
        return url
    from medlint.site import SiteError, load_mkdocs_yml

    try:
        value = load_mkdocs_yml(Path(config.config_file_path)).get("site_url")
    except SiteError:  # MkDocs has already loaded this file once; at worst, check without a URL
        return None
    return str(value) if value else None


def _declares_draft(page: Path) -> bool:
    """``draft: true`` in the front matter, read without a full parse."""
    try:
        with open(page, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if not head.startswith(("---", "+++")):
        return False
    end = head.find("\n" + head[:3], 3)
    return bool(_DRAFT_FLAG.search(head[: end if end > 0 else len(head)]))

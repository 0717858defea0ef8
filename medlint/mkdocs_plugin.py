"""The MkDocs front end: ``plugins: [medlint]`` in ``mkdocs.yml``.

Every page of the site is the comparison corpus; the drafts (by default the ``drafts`` folder
beside ``docs_dir`` and pages whose front matter says ``draft: true``) are checked, and each
finding is logged as a warning, so ``mkdocs build --strict`` fails on it. Info findings are
logged at info level and never fail a build. The plugin block is validated once, by the same
code as ``.medlint.yml``, when MkDocs loads the configuration.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from medlint.formats import printable
from medlint.generators.mkdocs import PLUGIN_ONLY_KEYS

if TYPE_CHECKING:
    from medlint.config import Config
    from medlint.engine import LintResult
    from medlint.files import Target
    from medlint.session import Session
    from medlint.site import Site

log = logging.getLogger("mkdocs.plugins.medlint")


class _FolderOrFolders(c.ListOfItems):  # type: ignore[type-arg]
    """``drafts: drafts`` or ``drafts: [drafts, notes]``, as in ``.medlint.yml``."""

    def __init__(self, default: list[str]) -> None:
        super().__init__(c.Type(str), default=default)

    def run_validation(self, value: object) -> list[str]:
        return super().run_validation([value] if isinstance(value, str) else value)  # type: ignore[no-any-return]


class MedlintConfig(base.Config):
    """The plugin block; every key but ``check`` means what it means in ``.medlint.yml``."""

    check = c.Choice(("drafts", "all", "none"), default="drafts")
    #: which built pages get the Import checks (ML6xx) as they are built: dated pages (the blog's
    #: posts), every page, or none
    import_check = c.Choice(("posts", "all", "none"), default="posts")
    #: write the Open Graph tags and canonical link a built page lacks, from its front matter
    open_graph = c.Type(bool, default=False)
    drafts = _FolderOrFolders(default=["drafts"])
    site_url = c.Optional(c.Type(str))
    language = c.Optional(c.Type(str))
    rules = c.Type(dict, default={})
    duplicates = c.Type(dict, default={})
    exclude = c.ListOfItems(c.Type(str), default=[])
    max_file_size = c.Optional(c.Type(int))
    max_front_matter_size = c.Optional(c.Type(int))
    follow_outside = c.Type(bool, default=False)
    cache = c.Type(bool, default=True)
    targets = c.Optional(c.Type((str, list)))


class MedlintPlugin(BasePlugin[MedlintConfig]):
    def __init__(self) -> None:
        #: the session of the last check and its result, for the previews ``mkdocs serve`` shows
        self.session: Session | None = None
        self.last: tuple[list[Target], LintResult] | None = None
        self.serving = False
        self.project_dir = Path.cwd()
        self.settings: Config | None = None
        #: the site of this build, as the check read it (for the built pages' messages)
        self.site: Site | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> Any:
        """MkDocs' validation of the block's shape, then medlint's own of its values (rules,
        options, URLs), so a bad value stops ``mkdocs build`` with a message naming the key."""
        from medlint.config import ConfigError, parse_config

        errors, warnings = super().load_config(options, config_file_path)
        if errors:
            return errors, warnings
        self.project_dir = Path(config_file_path or "mkdocs.yml").resolve().parent
        raw = {key: value for key, value in self.config.items() if key not in PLUGIN_ONLY_KEYS and value is not None}
        try:
            self.settings = parse_config(raw, self.project_dir, "medlint")
            self.settings.drafts = tuple(self._drafts_dirs())
            self.settings.check_inside()
        except ConfigError as exc:
            key = str(exc).removeprefix("medlint: ").split(":", 1)[0].split(".", 1)[0]
            errors.append((key, base.ValidationError(str(exc).removeprefix("medlint: "))))
        return errors, warnings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this plugin between ``mkdocs serve`` rebuilds, and with it the
        in-memory page index: a rebuild re-reads the site but re-digests only changed pages."""
        self.serving = command == "serve"

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Under ``mkdocs serve``, each checked draft's preview (as ``medlint preview`` writes
        it) at ``/_medlint/preview/<draft path>.html`` of the local site, listed at
        ``/_medlint/preview/``, and the drafts' cross-post anchor profile (as ``medlint anchors
        --format html`` writes it) at ``/_medlint/anchors.html``. Nothing of it is in a build."""
        if not self._serving(config) or self.session is None or self.last is None:
            return
        try:
            self._write_previews(Path(config.site_dir), config)
        except Exception as exc:  # a preview that cannot be written must not stop the server
            if os.environ.get("MEDLINT_DEBUG"):
                raise
            log.info(printable(f"medlint could not write the previews: {type(exc).__name__}: {exc}"))

    def _serving(self, config: MkDocsConfig) -> bool:
        """``mkdocs serve``: told by ``on_startup``, or, under ``serve --clean`` (which starts up as a
        build), by the local server's address standing in for ``site_url``."""
        from urllib.parse import urlsplit

        host, port = config.dev_addr
        return self.serving or bool(config.site_url and urlsplit(config.site_url).netloc == f"{host}:{port}")

    def _write_previews(self, site_dir: Path, config: MkDocsConfig) -> None:
        from collections import Counter

        from medlint.files import FileNamer
        from medlint.preview import Listed, preview_name, render_index
        from medlint.story import PreviewError

        assert self.session is not None and self.last is not None
        targets, result = self.last
        namer = FileNamer(targets, self.project_dir)
        folder = site_dir / PREVIEWS
        host, port = config.dev_addr
        counts = Counter(finding.path for finding in result.findings)
        listed = []
        for target in targets:
            if target.error is not None:
                continue
            name = namer(target.file)
            try:
                html = self.session.preview_of(result, target, namer)
            except PreviewError as exc:  # unreadable (its ML901 says so too), or not renderable
                log.info(printable(f"medlint could not preview {name}: {exc}"))
                continue
            address = preview_name(name)
            page = folder / address
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(html, encoding="utf-8")
            listed.append(Listed(name, address, counts[target.file]))
            log.info(printable(f"medlint preview of {name}: http://{host}:{port}/{PREVIEWS}/{address}"))
        folder.mkdir(parents=True, exist_ok=True)
        profile = self._write_anchors(site_dir, [target.file for target in targets if target.error is None], namer)
        (folder / "index.html").write_text(render_index(listed, profile), encoding="utf-8")
        if profile:
            log.info(printable(f"medlint anchor profile of the drafts: http://{host}:{port}/{ANCHORS}"))

    def _write_anchors(self, site_dir: Path, drafts: list[str], namer: Any) -> bool:
        """The anchor profile page, when the site has pages for the drafts to link to."""
        from medlint import anchor_report
        from medlint.site import SiteError

        assert self.session is not None
        try:
            profile = self.session.anchors(drafts)
        except SiteError:
            return False
        limits = anchor_report.Limits(*self.session.anchor_limits())
        (site_dir / ANCHORS).write_text(anchor_report.as_html(profile, namer, limits), encoding="utf-8")
        return True

    def _drafts_dirs(self) -> list[Path]:
        return [self.project_dir / folder for folder in self.config.drafts]

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in self._drafts_dirs():
            if folder.is_dir():
                server.watch(str(folder))
        return server

    @event_priority(-100)  # after every other plugin's navigation: URLs are final then
    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.config.check == "none":
            return nav
        try:
            self._check(files, config)
        except Exception as exc:  # never a traceback out of MkDocs' events; --strict still fails
            if os.environ.get("MEDLINT_DEBUG"):
                raise
            log.error(printable(f"medlint could not check the drafts: {type(exc).__name__}: {exc}"))
        return nav

    def _check(self, files: Files, config: MkDocsConfig) -> None:
        from medlint.engine import select_rules
        from medlint.files import FileNamer, Target, collect
        from medlint.findings import Severity
        from medlint.formats import present
        from medlint.formats.text_format import describe
        from medlint.generators import generator_named
        from medlint.generators.mkdocs.build import site_of_build
        from medlint.session import Session

        settings = self.settings
        assert settings is not None
        site = site_of_build(generator_named("mkdocs"), config, files, settings.site_url)
        self.site = site
        checked = [*site.pages(), *site.drafts()] if self.config.check == "all" else site.drafts()
        targets = [Target(str(file)) for file in checked]
        folders = [str(folder) for folder in self._drafts_dirs() if folder.is_dir()]
        if folders:
            root = str(self.project_dir)
            targets += [
                Target(t.file, None, t.error) for t in collect(folders, settings.exclude, root, settings.boundary)
            ]
        if not targets:
            return
        session = Session(
            settings, select_rules(settings), site, use_cache=settings.cache, notify=_notice, root=self.project_dir
        )
        if self.session is not None:
            session.page_memo = self.session.page_memo  # kept between mkdocs serve rebuilds
        namer = FileNamer(targets, self.project_dir)
        result = session.lint_targets(targets, namer, keep_documents=self._serving(config))
        self.session, self.last = session, (targets, result)
        for finding in present(result.findings, namer):
            message = "\n".join(describe(finding))
            if finding.severity is Severity.INFO:
                log.info(message)
            else:
                log.warning(message)

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        """The built page with the Open Graph tags and canonical link it lacks (``open_graph:
        true``), then the Import checks (ML6xx) on it as build warnings, for the pages that
        ``import_check`` selects."""
        try:
            if self.config.open_graph:
                output = self._with_tags(output, page, config)
            if self.config.import_check != "none" and (self.config.import_check == "all" or page.meta.get("date")):
                self._check_built(output, page, config)
        except Exception as exc:  # never a traceback out of MkDocs' events
            if os.environ.get("MEDLINT_DEBUG"):
                raise
            log.error(printable(f"medlint could not check {page.file.src_uri}: {type(exc).__name__}: {exc}"))
        return output

    def _with_tags(self, output: str, page: Any, config: MkDocsConfig) -> str:
        from medlint.import_check import PageFacts, with_import_tags

        meta = page.meta
        image = meta.get("image") or meta.get("cover_image")
        description = meta.get("description") or config.site_description
        facts = PageFacts(
            page.title,
            description if isinstance(description, str) else None,
            page.canonical_url,
            image if isinstance(image, str) else None,
        )
        return with_import_tags(output, facts)

    def _check_built(self, output: str, page: Any, config: MkDocsConfig) -> None:
        from medlint.built_page import parse_built_page
        from medlint.context import Context
        from medlint.engine import select_rules
        from medlint.files import FileNamer
        from medlint.formats import present
        from medlint.formats.text_format import describe
        from medlint.import_check import check_page, source_document

        settings = self.settings
        assert settings is not None
        built = parse_built_page(output, page.file.abs_dest_path)
        built.url, built.source, built.folder = page.canonical_url, page.file.abs_src_path, config.site_dir
        site = self.site
        rules = [rule for rule in select_rules(settings, built_pages=True) if rule.built_page]
        source = source_document(page.file.abs_src_path, settings) if page.file.abs_src_path else None
        findings = check_page(built, rules, settings, Context(site, settings.language), source)
        for finding in present(findings, FileNamer([], self.project_dir)):
            log.warning("\n".join(describe(finding)))


PREVIEWS = "_medlint/preview"
"""Where the drafts' previews are served under ``mkdocs serve``, with an index of them."""
ANCHORS = "_medlint/anchors.html"
"""Where the drafts' cross-post anchor profile is served under ``mkdocs serve``."""


def _notice(message: str) -> None:
    """The core's notices as info lines of this plugin: they explain, they do not fail a
    ``--strict`` build."""
    log.info(printable(message))

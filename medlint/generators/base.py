"""The generator protocol: what medlint knows of one static site generator.

A generator is one class in its own module (or package), registered once in
:mod:`medlint.generators`. It says:

- how much a folder looks like its site (:meth:`Generator.evidence`), so detection weighs
  evidence instead of taking the first settings file it sees (Jekyll and Hexo both have
  ``_config.yml``; Hugo and Zola both may have ``config.toml``);
- how to open the site from its settings, read as data (:meth:`Generator.open`), and which
  pages it publishes at which URLs (:meth:`Generator.pages`);
- the URL of a page the page list does not know, and of a file it copies as it is;
- the ``id`` of each heading of a page (what a ``#fragment`` must match);
- the dialect its Markdown is read in, its link syntaxes included, and the site's language;
- where a link written in its own syntax (Hugo's ``ref``, Jekyll's ``post_url``, Zola's ``@/``)
  leads: :meth:`Generator.resolve_reference`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from medlint import language
from medlint.document.dialect import COMMONMARK, Dialect
from medlint.generators import slugs
from medlint.generators.pathrules import directory_urls, path_url

if TYPE_CHECKING:
    from medlint.document import Document
    from medlint.files import Boundary
    from medlint.site import Page, Site


@dataclass(frozen=True)
class SiteOptions:
    """What the person running medlint decides about reading a site: the address they configured
    (it wins over the generator's), the project boundary, whether the cache may be used, and
    whether the site's own code may run to learn its URLs (``--trust-site``)."""

    configured_url: str | None = None
    boundary: Boundary | None = None
    use_cache: bool = True
    trust_site: bool = False


@dataclass(frozen=True)
class Evidence:
    """How much a folder looks like one generator's site, and its settings file. ``score`` adds up
    what was found: the generator's own settings file name counts 3, a name other generators share
    counts less, and folders or keys only that generator uses count or count against."""

    score: int
    settings: Path | None = None


DETECTION_THRESHOLD = 2
"""Evidence below this is no site of that generator (a lone ``config.yaml`` is not Hugo)."""

_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


class Generator:
    """One static site generator. Subclasses set :attr:`name` and :attr:`settings_files` and
    override what differs from these defaults (MkDocs' path rules, CommonMark, Python-Markdown's
    heading ids, no link syntax of its own)."""

    #: the ``generator`` setting's value for it
    name: ClassVar[str]
    #: its settings files, in the order it reads them
    settings_files: ClassVar[tuple[str, ...]] = ()
    #: front matter and settings keys that name the site's language (besides ``theme.language``)
    language_keys: ClassVar[tuple[str, ...]] = ()
    #: the npm package a Node generator's site depends on (evidence of it in ``package.json``)
    package: ClassVar[str] = ""
    #: the Markdown files it renders as pages (Astro and Docusaurus read MDX too)
    page_suffixes: ClassVar[tuple[str, ...]] = (".md", ".markdown")
    #: its settings file may hold medlint's own settings (see :meth:`medlint_settings`)
    holds_medlint_settings: ClassVar[bool] = False
    #: where its build writes the site: the settings keys that may say, and the default folder
    #: (beside the settings file); ``medlint import-check`` reads the pages there
    build_folder: ClassVar[tuple[tuple[str, ...], str]] = (("site_dir",), "site")
    #: what its pages are read from lies all over its project (a Node generator's routes,
    #: collections, data and ignore files): they are kept between runs under a stamp of every
    #: file of the project (:meth:`pages_stamp`)
    stamped_by_project: ClassVar[bool] = False
    #: its :meth:`pages_stamp` covers all that :meth:`files` reads: the site keeps the copied
    #: files between runs with the page list
    files_in_stamp: ClassVar[bool] = False

    #: how its sites write the Open Graph tags and canonical link that Medium's Import reads
    import_tags: ClassVar[str] = "write them in the page template's <head>"

    def import_tags_fix(self, site: Site) -> str:
        """The site's own way to write the tags Import reads (a finding of ML601 or ML602 says it)."""
        return self.import_tags

    def output_folder(self, site: Site) -> Path | None:
        """The folder the site's build writes to, as its settings say (``None`` without settings)."""
        if site.settings_file is None:
            return None
        keys, default = self.build_folder
        given = (site.settings.get(key) for key in keys)
        written = next((value for value in given if isinstance(value, (str, PurePath)) and str(value)), default)
        return (site.settings_file.parent / written).resolve()

    def __repr__(self) -> str:
        return f"<generator {self.name}>"

    def settings_file(self, folder: Path) -> Path | None:
        return next((folder / name for name in self.settings_files if (folder / name).is_file()), None)

    def evidence(self, folder: Path) -> Evidence:
        """Its own settings file counts 3, and 1 more when the folder's ``package.json`` names
        :attr:`package` (a Node generator); override to weigh shared names and other signs."""
        from medlint.generators.common import mentions

        found = self.settings_file(folder)
        if found is None:
            return Evidence(0)
        return Evidence(
            3 + (bool(self.package) and mentions(folder / "package.json", f'"{self.package}"'.encode())), found
        )

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        """The site in ``folder``, read from its settings as data."""
        raise NotImplementedError

    def site(
        self,
        content: Path | None,
        address: str | None,
        settings: Mapping[str, Any],
        settings_file: Path | None,
        options: SiteOptions,
    ) -> Site:
        """The site this generator publishes from the ``content`` folder, at the configured address
        or else ``address`` (the one its settings give), with its language and dialect."""
        from medlint.notices import notice
        from medlint.site import Site
        from medlint.urls import web_url

        if address and not web_url(address):
            notice(f"{settings_file}: the site's address {address!r} is not an http(s) URL; it is not used")
            address = None
        return Site(
            content,
            self,
            options.configured_url or address,
            language=self.language(settings),
            dialect=self.dialect(settings),
            settings=settings,
            settings_file=settings_file,
            use_cache=options.use_cache,
            boundary=options.boundary,
            trusted=options.trust_site,
        )

    def pages(self, site: Site) -> list[Page]:
        """Every page, published or not, at the URL it is published at."""
        from medlint.generators.pathrules import path_pages

        return path_pages(site)

    def pages_stamp(self, site: Site) -> bytes | None:
        """What :meth:`pages` depends on, as bytes that change when any of it does, for the site
        to keep its page list between runs; ``None``: read the pages every run. By default, every
        file of the project for a generator :attr:`stamped_by_project`, else ``None``."""
        project = self.project_folder(site)
        if not self.stamped_by_project or site.trusted or project is None:
            return None  # a trusted site's pages are its own build's, kept apart (own_build)
        from medlint.generators.common import project_stamp

        return project_stamp(site, project, self.output_folder(site))

    def project_folder(self, site: Site) -> Path | None:
        """The site's project folder: its settings file's, else the one it was opened in."""
        project = site.settings_file.parent if site.settings_file else site.settings.get("project")
        return project if isinstance(project, Path) else None

    def page_url(self, site: Site, file: Path) -> str:
        """The URL path of a page the page list does not know: MkDocs' path rules."""
        assert site.docs_dir is not None
        return path_url(file, site.docs_dir, directory_urls(site))

    def files(self, site: Site) -> dict[Path, str]:
        """Every file the site copies as it is, at its URL path: by default each file of the
        content folder that is not a page, at its path there (as MkDocs copies them)."""
        docs = site.docs_dir
        return {file: file.relative_to(docs).as_posix() for file in site.plain_files()} if docs else {}

    def heading_ids(self, doc: Document) -> set[str]:
        """The ``id`` of each heading, as Python-Markdown's ``toc`` makes them: an explicit one
        wins (its attribute list's, or a ``{#id}`` that ends its text where the site's Markdown
        reads no attribute lists); else the text slugified, with ``_1``, ``_2`` after an id
        already taken, every explicit id taken first as ``toc`` takes them."""
        explicit: list[str | None] = []
        for heading in doc.headings:
            if heading.id is not None:
                explicit.append(heading.id or None)
                continue
            written = _EXPLICIT_ID.search(heading.text)
            explicit.append(written.group(1) if written else None)
        found = {given for given in explicit if given is not None}
        for heading, given in zip(doc.headings, explicit, strict=True):
            if given is not None:
                continue
            text = heading.text if heading.id is not None else _EXPLICIT_ID.sub("", heading.text)
            base = candidate = slugs.toc_id(text)
            number = 0
            while candidate in found:
                number += 1
                candidate = f"{base}_{number}"
            found.add(candidate)
        return found

    def dialect(self, settings: Mapping[str, Any]) -> Dialect:
        """How the site's Markdown is read: CommonMark unless the generator says otherwise."""
        return COMMONMARK

    def language(self, settings: Mapping[str, Any]) -> str | None:
        """The language the site's settings declare, as a primary subtag."""
        theme = settings.get("theme")
        candidates = [theme.get("language"), theme.get("locale")] if isinstance(theme, dict) else []
        candidates += [settings.get(key) for key in self.language_keys]
        return next((found for found in map(language.primary, candidates) if found), None)

    def medlint_settings(self, settings_file: Path, boundary: Boundary) -> dict[str, Any] | None:
        """medlint's settings kept in the generator's settings file (MkDocs' plugin block), if any."""
        return None

    def resolve_reference(self, site: Site, syntax: str, reference: str, from_file: str) -> Page | None:
        """The page a link in the generator's own syntax (``syntax``, one of its dialect's link
        syntaxes) names, or ``None`` when the generator would find none (its build fails)."""
        return None

    def expand_markup(self, text: str, resolve: Callable[[str], str | None]) -> str:
        """A draft's ``text`` with the generator's shortcodes or tags replaced by what they stand
        for, each on its line (the story Medium gets); ``resolve`` gives a reference's published URL."""
        return text

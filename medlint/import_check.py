"""``medlint import-check``: the pages of a site's build output, checked as Medium's Import would
take them (the built-page rules, ML6xx).

A build folder is mapped back to the site: each HTML file's path gives its URL path
(``blog/x/index.html`` is ``blog/x/``), the site's page list gives the source that URL is
published from, and the source's front matter gives the page's own rule settings and ``ignore``
list, as in ``check``. What is checked:

- the pages of the drafts or sources given on the command line, when some are;
- else the site's posts (pages whose source has a ``date``, or a file name that starts with one);
- else, on a site without posts (a documentation site), every page with a source;
- without the site's pages known, every HTML file found.

Each page is read as untrusted input (:mod:`medlint.built_page`): nothing runs, nothing is
fetched, and an unreadable page is an ML901 finding on it; the run goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.built_page import BuiltPage, parse_built_page, read_built_page
from medlint.context import Context
from medlint.engine import Suppressions, document_settings, lowered
from medlint.files import MARKDOWN_SUFFIXES, Boundary, PathError, walk_files
from medlint.findings import Finding, Message, Problem, Severity
from medlint.rules.files import UNREADABLE_FILE

if TYPE_CHECKING:
    from medlint.config import Config
    from medlint.document import Document
    from medlint.rules.base import Rule
    from medlint.site import Page, Site

BUILD_FOLDERS = ("site", "public", "_site", "dist", "build")
"""The folders generators build into by default, for an HTML file named outside its site's."""
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-")


@dataclass
class BuiltTarget:
    """One built page to check: its file, the folder it was built into, and, when the site knows
    it, its published URL and source."""

    file: str
    folder: str | None = None
    url: str | None = None
    source: str | None = None
    error: str | None = None


def built_targets(
    paths: Sequence[str], site: Site | None, boundary: Boundary | None, default_folder: Path | None
) -> list[BuiltTarget]:
    """The built pages ``paths`` name (build folders, HTML files in one, and drafts or sources
    whose pages to check), mapped to the site. Raises :class:`~medlint.files.PathError`."""
    sources = {os.path.realpath(path) for path in paths if path.lower().endswith(MARKDOWN_SUFFIXES)}
    built = [path for path in paths if not path.lower().endswith(MARKDOWN_SUFFIXES)]
    if not built:
        if default_folder is None or not default_folder.is_dir():
            where = f" ({default_folder})" if default_folder is not None else ""
            raise PathError(f"no build output to check{where}: build the site first, or give its output folder")
        built = [str(default_folder)]
    if boundary is not None:  # a build folder the user names is read where it is
        boundary = boundary.widened(*(path for path in built if os.path.isdir(path) and not os.path.islink(path)))
    found: list[BuiltTarget] = []
    named: list[BuiltTarget] = []  # HTML files named one by one: checked whatever they map to
    for given in built:
        if os.path.isdir(given):
            for file, error in walk_files(given, boundary, _is_html, "HTML files"):
                found.append(BuiltTarget(file, os.path.abspath(given), error=error))
        elif os.path.isfile(given):
            named.append(BuiltTarget(given, _build_folder_of(given, default_folder)))
        else:
            raise PathError(f"no such file or folder: {given}")
    pages = _published_pages(site)
    for target in [*found, *named]:
        _map(target, site, pages)
    if pages is None:
        return [*found, *named]
    mapped = [target for target in found if target.source is not None or target.error is not None]
    if sources:
        chosen = [target for target in mapped if target.source and os.path.realpath(target.source) in sources]
    else:
        posts = [target for target in mapped if target.source and _is_post(target.source)]
        chosen = posts or mapped
    return sorted([*chosen, *named], key=lambda target: target.file)


def _is_html(name: str) -> bool:
    return name.lower().endswith((".html", ".htm")) and not name.startswith(".")


def _build_folder_of(file: str, default_folder: Path | None) -> str | None:
    """The build folder an HTML file named alone is in: the site's, or the nearest folder above
    it with a generator's default name."""
    absolute = Path(os.path.abspath(file))
    if default_folder is not None and default_folder in absolute.parents:
        return str(default_folder)
    return next((str(folder) for folder in absolute.parents if folder.name in BUILD_FOLDERS), None)


def _published_pages(site: Site | None) -> dict[str, Page] | None:
    """The site's published pages with a source, by URL path (``None`` when the pages are unknown)."""
    if site is None or not site.has_pages:
        return None
    return {page.url: page for page in site.entries() if page.published and page.url is not None and page.source}


def _map(target: BuiltTarget, site: Site | None, pages: dict[str, Page] | None) -> None:
    """Set the target's published URL and source from its path in the build folder."""
    if target.folder is None or target.error is not None:
        return
    relative = os.path.relpath(os.path.abspath(target.file), target.folder).replace(os.sep, "/")
    if relative.startswith("../"):
        return
    folder_url = relative[: -len("index.html")] if relative.endswith("index.html") else None
    candidates = [folder_url] if folder_url is not None else [relative, relative.removesuffix(".html")]
    if site is not None and site.site_url:
        target.url = site.base_url + _encoded(candidates[0])
    if pages is None:
        return
    page = next((pages[url] for url in candidates if url in pages), None)
    if page is not None and page.file is not None:
        target.source = str(page.file)
        url = site.url(page.file) if site is not None else None
        if url and site is not None and site.site_url:
            target.url = url


def _encoded(path: str) -> str:
    from medlint.urls import encoded

    return encoded(path)


def _is_post(source: str) -> bool:
    """A dated page: a ``date`` in its front matter, or a file name starting with one (Jekyll's
    ``_posts``). Only the first lines are read."""
    if _DATED_NAME.match(os.path.basename(source)):
        return True
    try:
        with open(source, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if not head.startswith(("---", "+++")):
        return False
    return re.search(r"^date\s*[:=]", head, re.MULTILINE) is not None


PARALLEL_PAGES = 200
"""Built pages below which a second process costs more than it saves."""


def check_built(targets: list[BuiltTarget], rules: list[Rule], config: Config, context: Context) -> list[Finding]:
    """The findings of ``rules`` on each built page, with its source's front matter settings
    (spread over the cores for a large build)."""
    from medlint.parallel import map_chunks

    found = map_chunks(_check_chunk, targets, PARALLEL_PAGES, rules, config, context)
    return [finding for chunk in found for finding in chunk]


def _check_chunk(targets: list[BuiltTarget], rules: list[Rule], config: Config, context: Context) -> list[Finding]:
    findings: list[Finding] = []
    page_rules = [rule for rule in rules if rule.built_page]
    reports_unreadable = any(rule.code == UNREADABLE_FILE.code for rule in rules)
    for target in targets:
        page = read_built_page(target.file, config.max_file_size) if target.error is None else None
        error = target.error if page is None else page.error
        if page is None or error is not None:
            if reports_unreadable:
                findings.append(_finding(target.file, UNREADABLE_FILE, config, 1, 1, f"Cannot read: {error}"))
            continue
        page.url, page.source, page.folder = target.url, target.source, target.folder
        findings.extend(check_page(page, page_rules, config, context, source_document(target.source, config)))
    return findings


def check_page(
    page: BuiltPage, rules: list[Rule], config: Config, context: Context, source: Document | None = None
) -> list[Finding]:
    """The findings of the built-page ``rules`` on one read page; ``source``'s front matter (the
    page's Markdown) may set rules' options, turn rules off or ignore them, as in ``check``."""
    settings, quiet = config, None
    if source is not None:
        settings = document_settings(source, config)[0]
        quiet = Suppressions.of(source)
    findings = []
    for rule in rules:
        if not settings.setting(rule.code).enabled or (quiet is not None and quiet.covers_file(rule.code)):
            continue
        try:
            problems = list(rule.run(page, context, settings.options_for(rule)))  # type: ignore[arg-type]
        except Exception as exc:
            if os.environ.get("MEDLINT_DEBUG"):
                raise
            reason = f"Cannot check with {rule.code} ({rule.name}): {type(exc).__name__}: {exc}; please report it"
            findings.append(_finding(page.path, UNREADABLE_FILE, settings, 1, 1, reason))
            continue
        for problem in problems:
            findings.append(
                _finding(page.path, rule, settings, problem.line, problem.column, problem.message, problem.severity)
            )
    return findings


def source_document(source: str | None, config: Config) -> Document | None:
    """A page's source, for its settings: its front matter (``medlint: {ignore, rules}``), and,
    when it has any, its ``medlint-disable-file`` directives (the whole document read only then:
    the other directives name Markdown lines, which a built page does not have)."""
    if source is None:
        return None
    from medlint.document import Document, parse_document
    from medlint.document.frontmatter import split_front_matter
    from medlint.files import read_regular

    try:
        data = read_regular(source, config.max_file_size)
    except OSError:
        return None
    text = data.decode("utf-8", errors="replace")
    if "medlint-disable-file" in text:
        return parse_document(text, source, config.max_front_matter_size)
    lines = text.splitlines()
    end = next((number for number, line in enumerate(lines[1:], 2) if line.rstrip() in ("---", "+++")), 0)
    front = split_front_matter(lines[:end], config.max_front_matter_size)
    return Document(source, front_matter=front)


def _finding(
    path: str, rule: Rule, config: Config, line: int, column: int, message: Message, severity: Severity | None = None
) -> Finding:
    chosen = lowered(config.severity_for(rule), Problem(line, column, message, severity=severity))
    return Finding(path, line, column, line, column, rule.code, rule.name, chosen, message)


@dataclass(frozen=True)
class PageFacts:
    """What a page's front matter and its site say of it, for the tags Import reads."""

    title: str | None
    description: str | None
    url: str | None
    image: str | None = None


def with_import_tags(text: str, facts: PageFacts) -> str:
    """The built page ``text`` with the Open Graph tags and canonical link it lacks, written
    before ``</head>`` from ``facts``; a tag the theme wrote is never replaced, and a page
    without a ``<head>`` is left as it is. An image the facts do not give is the article's first
    image with an absolute source."""
    from html import escape
    from urllib.parse import urljoin

    page = parse_built_page(text, "")
    heads = page.all("head")
    if not heads:
        return text
    head = page.elements[heads[0]]
    image = facts.image
    if not image and facts.url:
        image = next(
            (
                urljoin(facts.url, page.elements[index].attributes["src"])
                for index in page.all("img")
                if page.elements[index].start > head.end
                and page.elements[index].attributes.get("src", "").strip()
                and not page.elements[index].attributes["src"].startswith("data:")
            ),
            None,
        )
    elif image and facts.url:
        image = urljoin(facts.url, image)
    wanted = {"og:type": "article", "og:title": facts.title, "og:description": facts.description}
    wanted |= {"og:url": facts.url, "og:image": image}
    lines = [
        f'<meta property="{name}" content="{escape(value)}">'
        for name, value in wanted.items()
        if value and page.meta(name) is None
    ]
    if facts.url and not page.links("canonical"):
        lines.append(f'<link rel="canonical" href="{escape(facts.url)}">')
    if not lines:
        return text
    closing = text.lower().rfind("</head", head.start, head.end)
    at = closing if closing >= 0 else head.end  # a head closed by the body's start: before it
    return text[:at] + "".join(line + "\n" for line in lines) + text[at:]

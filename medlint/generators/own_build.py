"""A Node generator asked for what it publishes: only where the person running medlint typed
``--trust-site``, since asking runs the site's code (its settings file, data files, plugins).

Where a site's JavaScript computes its URLs (an Eleventy data file's ``eleventyComputed``
permalink, an Astro route whose ``getStaticPaths`` a helper fills), reading the site as data
cannot know them, and medlint says so in a notice. Trusted, medlint asks the generator the site
already has installed (``node_modules/.bin``, never one fetched for the purpose):

- Eleventy: ``eleventy --to=json``, which lists every template's URL and output path without
  writing the pages; the files the site's own code writes as it runs (an image plugin's output)
  are read from the output folder afterwards.
- Astro: ``astro build`` into a temporary folder in the project, whose HTML files are the pages and whose other
  files are the files; Astro does not say which source made which page, so the source of a page
  is what medlint's reading of the routes says, where it can.

When the tool is missing or fails, medlint's reading as data stands, with one notice naming why.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from medlint.notices import notice
from medlint.site import Page, Site

#: how long a site's own build may take before medlint stops waiting for it
TIMEOUT_SECONDS = 900
#: what a tool's output may be at most (a JSON list of every page, with its rendered HTML)
MAX_OUTPUT_BYTES = 512 * 1024 * 1024
#: the environment a build runs in: the user's, with the generators' telemetry off
QUIET_ENV = {"ASTRO_TELEMETRY_DISABLED": "1", "ELEVENTY_TELEMETRY_DISABLED": "1", "NO_COLOR": "1"}


@dataclass
class Published:
    """What a generator's own run published: each page's URL path (``x/``, ``x.html``; ``""`` the
    home page) with its source file where the generator names it, and every other file's path."""

    pages: dict[str, Path | None] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)


def _tool(project: Path, name: str) -> Path | None:
    """The site's own installed ``name`` (``node_modules/.bin/name`` in its folder), or ``None``
    with a notice saying what to install."""
    tool = project / "node_modules" / ".bin" / name
    if tool.is_file():
        if shutil.which("node") is not None:
            return tool
        notice(f"{project}: --trust-site needs Node.js on PATH to ask {name}; the site is read as data instead")
        return None
    notice(
        f"{project}: --trust-site asks the site's own {name}, which is not installed "
        f"(run npm ci in {project}); the site is read as data instead"
    )
    return None


def _run(project: Path, command: list[str], what: str) -> str | None:
    """``command``'s standard output, run in ``project``; ``None`` with one notice when it fails."""
    try:
        done = subprocess.run(
            command,
            cwd=project,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env={**os.environ, **QUIET_ENV},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        notice(f"{project}: {what} did not finish ({type(exc).__name__}); the site is read as data instead")
        return None
    if done.returncode != 0 or len(done.stdout) > MAX_OUTPUT_BYTES:
        last = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        notice(
            f"{project}: {what} failed (exit {done.returncode}: {' '.join(last[0].split())[:200]}); "
            "the site is read as data instead"
        )
        return None
    return done.stdout.decode("utf-8", "replace")


def _page_path(written: str) -> str:
    """The URL path a written HTML file is served at (``x/index.html`` is ``x/``)."""
    return written[: -len("index.html")] if written.rpartition("/")[2] == "index.html" else written


def _listed(output: Path, published: Published) -> None:
    """Every file under ``output``, as a page or a file of ``published``."""
    for current, folders, names in os.walk(output):
        folders.sort()
        for name in sorted(names):
            written = Path(current, name).relative_to(output).as_posix()
            if written.endswith(".html"):
                published.pages.setdefault(_page_path(written), None)
            else:
                published.files.add(written)


def eleventy_published(project: Path, output: Path) -> Published | None:
    """``eleventy --to=json``'s pages and files, and the files the site's code wrote under
    ``output`` while it ran (as an image plugin does); ``None`` when Eleventy cannot be asked."""
    tool = _tool(project, "eleventy")
    if tool is None:
        return None
    listed = _run(project, [str(tool), "--to=json", "--quiet"], "eleventy --to=json")
    try:
        entries = json.loads(listed) if listed is not None else None
    except ValueError:
        entries = None
    if not isinstance(entries, list):
        if listed is not None:
            notice(f"{project}: eleventy --to=json printed no list of pages; the site is read as data instead")
        return None
    published = Published()
    for entry in entries:
        written = entry.get("outputPath") if isinstance(entry, dict) else None
        source = entry.get("inputPath") if isinstance(entry, dict) else None
        if not isinstance(written, str) or not written:
            continue  # permalink: false
        path = (project / written).resolve()
        if output != path and output not in path.parents:
            continue  # written out of the output folder: not served
        relative = path.relative_to(output).as_posix()
        if relative.endswith(".html"):
            published.pages[_page_path(relative)] = (project / source).resolve() if isinstance(source, str) else None
        else:
            published.files.add(relative)
    if output.is_dir():
        # the pages are not written by --to=json; what is there now besides them, the site's code
        # wrote (or an earlier build did: a file kept from it is judged published)
        _listed(output, extra := Published())
        published.files |= extra.files
    return published


def astro_published(project: Path) -> Published | None:
    """What ``astro build`` writes, built into a temporary folder; ``None`` when Astro cannot be
    asked."""
    tool = _tool(project, "astro")
    if tool is None:
        return None
    # inside the project, as its own build's dist/ is: built into a folder out of it, Astro writes
    # its content layer's files (.astro/) into that folder too
    with tempfile.TemporaryDirectory(prefix=".medlint-astro-build-", dir=project) as output:
        if _run(project, [str(tool), "build", "--silent", "--outDir", output], "astro build") is None:
            return None
        published = Published()
        _listed(Path(output), published)
        return published


def pages_of(published: Published, read: list[Page], complete: bool) -> list[Page]:
    """The pages ``published`` lists, each with its source: the one the generator named, else the
    one medlint's own reading (``read``) gives that URL. Another source medlint read is not
    published when the generator named every source it published (``complete``), or when medlint
    gave it a URL the build lacks; else its URL is unknown."""
    by_url = {page.url: page for page in read if page.url is not None and page.published}
    found: list[Page] = []
    placed: set[str] = set()
    for url, source in sorted(published.pages.items()):
        known = by_url.get(url)
        file = source if source is not None else known.file if known is not None else None
        found.append(Page(url, file))
        if file is not None:
            placed.add(os.fspath(file))
    for page in read:
        if page.source is not None and page.source not in placed:
            found.append(Page(None, page.file, (), page.published and page.url is None and not complete))
    return found


def files_of(published: Published, read: dict[Path, str], output: Path) -> dict[Path, str]:
    """The files ``published`` lists, by source: the one medlint's reading (``read``) gives that
    path, else the file's place in the site's ``output`` folder (where its build writes it)."""
    by_path = {path.lstrip("/"): file for file, path in read.items()}
    return {by_path.get(path, output / path): path for path in sorted(published.files)}


def own_build(site: Site, ask: Callable[[], Published | None], project: Path, output: Path | None) -> Published | None:
    """What the site's own run published, asked once per reading of the site (``ask``) and kept
    between runs (:func:`_kept`); ``None`` when it could not be asked (said in a notice)."""
    if site.own_build is None:
        site.own_build = _kept(site, ask, project, output) or False
    return site.own_build or None


def _kept(site: Site, ask: Callable[[], Published | None], project: Path, output: Path | None) -> Published | None:
    """``ask()``, kept under a stamp of every file of the ``project`` and of the folders beside
    it that medlint may read in (:func:`~medlint.generators.common.project_stamp`; the build
    folder ``output`` left out), of what npm installed (``node_modules/.package-lock.json``, which npm
    writes at each install) and of the Node.js on ``PATH``: a run that changed none of them is
    given the last answer without running the site's build again (an Astro build of a real blog
    takes a minute). Asked every run where that cannot be had (no lock of what is installed, no
    cache). What else a build may read (environment variables, files out of the project) is not
    in the stamp: ``--no-cache`` asks again."""
    stamp = _build_stamp(site, project, output) if site.use_cache else None
    cache = None
    if stamp is not None:
        from medlint.cache import PageCache

        cache = PageCache.open(f"{project}\0{site.generator.name}", kind="build")
    stored = cache.read() if cache is not None else None
    if isinstance(stored, dict) and stored.get("stamp") == stamp and site.holds(stored):
        with contextlib.suppress(AttributeError, KeyError, TypeError, ValueError):
            pages = {str(url): Path(source) if source is not None else None for url, source in stored["pages"]}
            return Published(pages, {str(file) for file in stored["files"]})
    published = ask()
    if published is not None and cache is not None:
        pages = [(url, str(source) if source is not None else None) for url, source in published.pages.items()]
        cache.write({"stamp": stamp, "pages": pages, "files": sorted(published.files), "written": time.time_ns()})
    return published


def _build_stamp(site: Site, project: Path, output: Path | None) -> bytes | None:
    """What a trusted site's own build is kept under (see :func:`_kept`), or ``None``."""
    import hashlib

    from medlint.cache import stamp_of
    from medlint.files import read_regular
    from medlint.generators.common import project_stamp

    node = shutil.which("node")
    try:
        installed = read_regular(project / "node_modules" / ".package-lock.json", MAX_OUTPUT_BYTES)
        runtime = stamp_of(os.stat(node)) if node is not None else b""
    except OSError:
        return None
    files = project_stamp(site, project, output)
    if files is None:
        return None
    digest = hashlib.blake2b(files, digest_size=32)
    digest.update(hashlib.blake2b(installed).digest() + os.fsencode(node or "") + b"\0" + runtime)
    return digest.digest()

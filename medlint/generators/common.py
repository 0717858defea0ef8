"""What the generators share: their settings files, folders inside the project, a page's front
matter read cheaply, the draft flag, and a quick look into a file for detection."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from medlint.files import Boundary
from medlint.site import Site, SiteError


def settings_of(path: Path, mkdocs_tags: bool = False) -> dict:
    """A generator's settings file, parsed (``mkdocs_tags``: MkDocs' ``!ENV`` and Python tags); a
    broken one is a :class:`SiteError`."""
    from medlint.loaders import FileError, load_file

    try:
        data = load_file(path, mkdocs_tags=mkdocs_tags)
    except FileError as exc:
        raise SiteError(str(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteError(f"{path}: expected a mapping of settings")
    return data


def inside(folder: Path, boundary: Boundary | None, what: str, source: Path, required: bool = True) -> Path:
    """``folder`` (a content or docs folder a settings file names), refused out of the project;
    one that does not exist is an error when ``required`` (else a site without pages yet)."""
    folder = folder.resolve()
    if boundary is not None and not boundary.contains(folder):
        raise SiteError(
            f"{source}: {what} {folder} is outside the project; set follow_outside: true (or --follow-outside) to read it"
        )
    if required and not folder.is_dir():
        raise SiteError(f"{source}: {what} {folder} is not a folder")
    return folder


class PageHead(NamedTuple):
    """What a generator reads of a page before rendering it: its front matter, and the first line
    of its body that is not blank (a title heading, for a generator that takes one from there)."""

    meta: dict[str, Any]
    first_line: str


def page_head(path: Path, boundary: Boundary | None = None) -> PageHead:
    """A page's front matter and first body line, read from its first 64 KB only (a site may have
    ten thousand pages); no front matter, or one that does not parse, is ``{}`` (the page is then
    checked, not skipped); a symbolic link out of ``boundary`` is not read (the site then skips it,
    with a notice)."""
    from medlint.document.frontmatter import split_front_matter
    from medlint.files import read_regular
    from medlint.heads import current
    from medlint.loaders import ImpossibleDate
    from medlint.notices import notice

    kept, key = current(), str(path)
    found = kept.get(key) if kept is not None else None
    if found is not None:  # the file is as it was: it is no link out of the project now either
        return PageHead(*found)
    if boundary is not None and boundary.leaves(path):
        return PageHead({}, "")
    try:
        head = read_regular(path, 65536)[:65536].decode("utf-8-sig", errors="replace")
    except OSError:
        return PageHead({}, "")
    lines = head.replace("\r\n", "\n").split("\n")
    front = split_front_matter(lines) if head.startswith(("---", "+++")) else None
    body = lines[front.end_line :] if front is not None else lines
    first = next((line.strip() for line in body if line.strip()), "")
    read = PageHead(front.data if front is not None else {}, first)
    impossible = [(name, value) for name, value in read.meta.items() if isinstance(value, ImpossibleDate)]
    for name, value in impossible:  # read again each run (not kept), so the notice is said each run
        notice(f"{path}: front matter {name}: {value} is no date ({value.problem}); {value.consequence}")
    if kept is not None and not impossible:
        kept.put(key, read.meta, read.first_line)
    return read


def content_stamp(site: Site) -> bytes | None:
    """What the pages of a generator that reads only its settings file and its page sources
    (their paths and front matter) depend on (for :meth:`~medlint.site.Publisher.pages_stamp`);
    ``None`` when a file cannot be looked at."""
    try:
        return files_stamp(site, [site.settings_file] if site.settings_file else [], site.content_sources())
    except OSError:
        return None


def project_stamp(site: Site, project: Path, output: Path | None = None) -> bytes | None:
    """What the pages of a generator that reads files all over its project depend on (a Node
    generator: its settings, routes, collections, data files and ignore files): the name, size,
    times and inode of every file it may read, which is every file of the ``project`` and of the
    folders medlint may read in (a Docusaurus blog at ``../blog`` lies beside the site), their
    build folder (``output``), hidden folders and ``node_modules`` left out. The folders are
    listed only when one of them changed since the last run (:mod:`medlint.walks`). ``None`` (no
    cache) where that is not all it may read (links followed out of the project), or a file
    cannot be looked at."""
    from medlint.files import WalkLimitError
    from medlint.walks import walk

    if site.boundary is None or site.boundary.follow_outside:
        return None
    roots = sorted({project.resolve(), *site.boundary.roots}, key=lambda root: len(root.parts))
    outermost: list[Path] = []
    for root in roots:
        if not any(root == kept or kept in root.parents for kept in outermost):
            outermost.append(root)
    leave_out = os.path.join(str(output), "") if output is not None else None
    sources: list[str] = []
    try:
        for root in outermost:
            markdown, others = walk(root, site.boundary, site.use_cache)
            if any(error is not None for _, error in (*markdown, *others)):
                return None
            sources += (path for path, _ in (*markdown, *others) if leave_out is None or not path.startswith(leave_out))
        return files_stamp(site, [], sources)
    except (OSError, WalkLimitError):
        return None


def files_stamp(site: Site, settings: Iterable[Path], sources: Iterable[str]) -> bytes:
    """A stamp that changes when the bytes of any of the ``settings`` files or the name, size,
    times or inode of any of the ``sources`` do (each looked at once a run, :meth:`Site.stat`). Raises
    ``OSError``."""
    import hashlib

    from medlint.cache import stamp_of
    from medlint.files import read_regular
    from medlint.loaders import MAX_SETTINGS_SIZE

    digest = hashlib.blake2b(digest_size=32)
    for file in settings:
        data = read_regular(file, MAX_SETTINGS_SIZE)
        digest.update(len(data).to_bytes(8, "big") + data)
    stat = site.stat
    # each path, then its stamp (32 bytes: size, times and inode); joined once, for 10,000 pages
    digest.update(
        b"".join(b"\0" + source.encode(errors="surrogateescape") + b"\0" + stamp_of(stat(source)) for source in sources)
    )
    return digest.digest()


def front_matter_of(path: Path, boundary: Boundary | None = None) -> dict[str, Any]:
    """A page's front matter (see :func:`page_head`)."""
    return page_head(path, boundary).meta


def readable(site: Site, folder: Path, what: str, under: str | None = None) -> bool:
    """Whether ``folder``, which the site's settings name, is inside the project; one that is not
    is never read, and a notice says so and how to allow it. ``under``: the URL path where what it
    holds is published, judged unknown then (no link there is said to match nothing)."""
    if site.boundary is None or site.boundary.contains(folder):
        return True
    allow = "set follow_outside: true (or --follow-outside) to read it"
    guess(site, f"{site.settings_file}: {what} {folder} is outside the project; it is not read ({allow})", under)
    return False


def under_base(url: object, base: object) -> str | None:
    """A site's address from its host URL and its base path (Astro's ``site`` and ``base``,
    Docusaurus' ``url`` and ``baseUrl``, Eleventy's data ``url`` and ``pathPrefix``), as a folder;
    ``None`` without a URL."""
    if not isinstance(url, str) or not url:
        return None
    path = base.strip("/") if isinstance(base, str) else ""
    return url.rstrip("/") + "/" + (path + "/" if path else "")


def say_computed(site: Site) -> None:
    """One notice for each setting of a JavaScript settings file that the site's code computes
    (the generator lists them in its settings under ``computed``)."""
    for what in site.settings.get("computed", ()):
        guess(site, f"{site.settings_file}: {what} is computed by the site's code; medlint reads literals only")


def guess(site: Site, what: str, under: str | None = None) -> None:
    """Record that the site's URLs rest on ``what``, which medlint could not read (a route its code
    computes), and say it once: findings on the site's URLs are then warnings. ``under``: the URL
    path under the site's address (``""``: all of it) where that code decides what is published,
    so that a link there which reaches nothing known is unknown, not missing."""
    from medlint.notices import notice

    if under is not None:
        decides(site, under)
    if what not in site.guessed:
        site.guessed.append(what)
        notice(what)


def decides(site: Site, under: str) -> None:
    """Record that the build writes files under the URL path ``under`` that no source names (a
    bundler's hashed output): a link there that reaches nothing known is unknown, not missing."""
    if under not in site.decided_by_code:
        site.decided_by_code.append(under)


def declares_draft(meta: dict) -> bool:
    """``draft: true`` (MkDocs with Material, Hugo, Zola)."""
    return meta.get("draft") is True


def mentions(path: Path, word: bytes) -> bool:
    """Whether the first 64 KB of ``path``, lower-cased, hold ``word`` (a regular file only)."""
    from medlint.files import read_regular

    try:
        return word in read_regular(path, 65536)[:65536].lower()
    except OSError:
        return False


def has_hugo_keys(path: Path) -> bool:
    """A ``config.*`` with Hugo's ``baseURL`` (Zola's is ``base_url``)."""
    from medlint.files import read_regular

    try:
        head = read_regular(path, 65536)[:65536].decode("utf-8", errors="replace")
    except OSError:
        return False
    return "baseURL" in head or "baseurl" in head.lower().replace("base_url", "")


def plain_files(folder: Path, boundary: Boundary | None = None) -> list[Path]:
    """Every file under ``folder`` that is not Markdown, hidden files and folders, ``node_modules``
    and links out of ``boundary`` left out (a walk too large is a :class:`SiteError`)."""
    from medlint.files import is_plain_file

    return files_named(folder, boundary, is_plain_file)


def files_named(folder: Path, boundary: Boundary | None, wanted: Callable[[str], bool]) -> list[Path]:
    """Every file under ``folder`` whose name is ``wanted``, hidden folders, ``node_modules`` and
    links out of ``boundary`` left out (a walk too large is a :class:`SiteError`)."""
    from medlint.files import WalkLimitError, walk_files

    try:
        return [Path(path) for path, error in walk_files(folder, boundary, wanted) if error is None]
    except WalkLimitError as exc:
        raise SiteError(str(exc)) from None

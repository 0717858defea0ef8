"""Generators: how each static site generator publishes a folder of Markdown, read as a
:class:`~medlint.site.Site` (its address, language, dialect and every page's URL).

Each generator is one module (MkDocs a package, with its plugins' URL rules) implementing the
protocol of :mod:`~medlint.generators.base`, and one line of :data:`GENERATORS` below. Detection
weighs each generator's evidence in the folder; the ``generator`` setting forces one. Helpers they
share: :mod:`~medlint.generators.common` (settings, folders, front matter),
:mod:`~medlint.generators.dates`, :mod:`~medlint.generators.permalinks`,
:mod:`~medlint.generators.slugs`, :mod:`~medlint.generators.pathrules` (MkDocs' path rules).
"""

from __future__ import annotations

from pathlib import Path

from medlint.files import Boundary
from medlint.generators.astro import Astro
from medlint.generators.base import DETECTION_THRESHOLD, Generator, SiteOptions
from medlint.generators.docusaurus import Docusaurus
from medlint.generators.eleventy import Eleventy
from medlint.generators.folder import Folder
from medlint.generators.hexo import Hexo
from medlint.generators.hugo import Hugo
from medlint.generators.jekyll import Jekyll
from medlint.generators.mkdocs import MkDocs, ProperDocs
from medlint.generators.zensical import Zensical
from medlint.generators.zola import Zola
from medlint.site import Site, SiteError

GENERATORS: tuple[Generator, ...] = (
    MkDocs(),
    ProperDocs(),
    Zensical(),
    Hugo(),
    Jekyll(),
    Zola(),
    Hexo(),
    Astro(),
    Docusaurus(),
    Eleventy(),
    Folder(),
)
"""The registry, in the order that breaks a tie of evidence."""

BY_NAME = {generator.name: generator for generator in GENERATORS}
NAMES = ("auto", *BY_NAME)
"""The values of the ``generator`` setting."""


def detect(folder: Path) -> tuple[Generator, Path | None]:
    """The generator whose evidence in ``folder`` weighs most (the first registered on a tie), and
    its settings file; a plain folder when none has enough."""
    best, settings, score = BY_NAME["folder"], None, DETECTION_THRESHOLD - 1
    for generator in GENERATORS:
        evidence = generator.evidence(folder)
        if evidence.score > score:
            best, settings, score = generator, evidence.settings, evidence.score
    return best, settings


def open_site(
    folder: Path | None,
    configured_url: str | None = None,
    boundary: Boundary | None = None,
    generator: str = "auto",
    use_cache: bool = True,
    trust_site: bool = False,
) -> Site | None:
    """The site in ``folder``, read as its generator publishes it (detected from its files unless
    ``generator``, one of :data:`NAMES`, names one), or only an address when there is no folder;
    ``None`` when neither is known. Settings, content and pages are read only inside ``boundary``;
    ``use_cache`` false neither reads nor writes a cached page list; ``trust_site`` lets the
    generator's own code run to learn the URLs (``--trust-site``)."""
    if folder is None:
        return Site(None, BY_NAME["folder"], configured_url) if configured_url else None
    folder = folder.resolve()
    if not folder.is_dir():
        raise SiteError(f"site folder not found: {folder}")
    if generator not in NAMES:
        raise SiteError(f"unknown generator {generator!r} (one of {', '.join(NAMES)})")
    found, settings = detect(folder)
    if generator not in ("auto", found.name):
        found = BY_NAME[generator]
        settings = found.evidence(folder).settings or found.settings_file(folder)
    if settings is not None and boundary is not None and boundary.leaves(settings):
        raise SiteError(f"{settings} leads outside the project; set follow_outside: true (or --follow-outside)")
    return found.open(folder, settings, SiteOptions(configured_url, boundary, use_cache, trust_site))

"""Generators: how each static site generator publishes a folder of Markdown, read as a
:class:`~medlint.site.Site` (its address, language, dialect and every page's URL).

Each generator is one module (MkDocs a package, with its plugins' URL rules) implementing the
protocol of :mod:`~medlint.generators.base`, and one line of :data:`REGISTRY` below, which names
the files that show it; a module is imported when its generator is asked for. Detection weighs
the evidence of each generator shown in the folder; the ``generator`` setting forces one. Helpers they
share: :mod:`~medlint.generators.common` (settings, folders, front matter),
:mod:`~medlint.generators.dates`, :mod:`~medlint.generators.permalinks`,
:mod:`~medlint.generators.slugs`, :mod:`~medlint.generators.pathrules` (MkDocs' path rules).
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from typing import NamedTuple

from medlint.files import Boundary
from medlint.generators.base import DETECTION_THRESHOLD, Generator, SiteOptions
from medlint.site import Site, SiteError


class Registered(NamedTuple):
    """A generator as the registry knows it before its module is imported: a site shows it only
    by one of its ``signs``, files in the site's folder (its settings files, a ``package.json``),
    so a folder with none of them is no site of it and its module is not read."""

    name: str
    where: str  #: ``module:Class``
    signs: tuple[str, ...]


_YML = ("yml", "yaml")
_JS = ("js", "ts", "mjs", "mts", "cjs")
REGISTRY: tuple[Registered, ...] = (
    Registered("mkdocs", "mkdocs:MkDocs", tuple(f"mkdocs.{suffix}" for suffix in _YML)),
    Registered("properdocs", "mkdocs:ProperDocs", tuple(f"properdocs.{suffix}" for suffix in _YML)),
    Registered("zensical", "zensical:Zensical", ("zensical.toml",)),
    Registered(
        "hugo",
        "hugo:Hugo",
        tuple(f"{name}.{suffix}" for name in ("hugo", "config") for suffix in ("toml", *_YML, "json")),
    ),
    Registered("jekyll", "jekyll:Jekyll", tuple(f"_config.{suffix}" for suffix in _YML)),
    Registered("zola", "zola:Zola", ("config.toml",)),
    Registered("hexo", "hexo:Hexo", tuple(f"_config.{suffix}" for suffix in _YML)),
    Registered("astro", "astro:Astro", tuple(f"astro.config.{suffix}" for suffix in _JS)),
    Registered("docusaurus", "docusaurus:Docusaurus", tuple(f"docusaurus.config.{suffix}" for suffix in _JS)),
    Registered(
        "eleventy",
        "eleventy:Eleventy",
        ("package.json", ".eleventy.js", *(f"eleventy.config.{suffix}" for suffix in ("js", "mjs", "cjs"))),
    ),
    Registered("folder", "folder:Folder", ()),
)
"""The registry, in the order that breaks a tie of evidence."""

NAMES = ("auto", *(registered.name for registered in REGISTRY))
"""The values of the ``generator`` setting."""


@cache
def generator_named(name: str) -> Generator:
    """The generator called ``name`` (one of :data:`NAMES` but ``auto``), its module imported now."""
    module, _, class_name = next(registered.where for registered in REGISTRY if registered.name == name).partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), class_name)()


def shown_in(folder: Path) -> list[Generator]:
    """The generators one of whose signs is in ``folder`` (in registry order): the only ones that
    can find evidence of their site there."""
    present: dict[str, bool] = {}

    def has(name: str) -> bool:
        if name not in present:
            present[name] = (folder / name).is_file()
        return present[name]

    return [generator_named(registered.name) for registered in REGISTRY if any(map(has, registered.signs))]


def detect(folder: Path) -> tuple[Generator, Path | None]:
    """The generator whose evidence in ``folder`` weighs most (the first registered on a tie), and
    its settings file; a plain folder when none has enough."""
    best, settings, score = generator_named("folder"), None, DETECTION_THRESHOLD - 1
    for candidate in shown_in(folder):
        evidence = candidate.evidence(folder)
        if evidence.score > score:
            best, settings, score = candidate, evidence.settings, evidence.score
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
        return Site(None, generator_named("folder"), configured_url) if configured_url else None
    folder = folder.resolve()
    if not folder.is_dir():
        raise SiteError(f"site folder not found: {folder}")
    if generator not in NAMES:
        raise SiteError(f"unknown generator {generator!r} (one of {', '.join(NAMES)})")
    found, settings = detect(folder)
    if generator not in ("auto", found.name):
        found = generator_named(generator)
        settings = found.evidence(folder).settings or found.settings_file(folder)
    if settings is not None and boundary is not None and boundary.leaves(settings):
        raise SiteError(f"{settings} leads outside the project; set follow_outside: true (or --follow-outside)")
    return found.open(folder, settings, SiteOptions(configured_url, boundary, use_cache, trust_site))

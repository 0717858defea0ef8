"""Generators: how each static site generator publishes a folder of Markdown, read as a
:class:`~medlint.site.Site` (its address, language, content folder and every page's URL).

- :mod:`~medlint.generators.mkdocs`: MkDocs and ProperDocs (MkDocs itself is asked, plugins
  included), and Zensical (its settings, MkDocs' path rules);
- :mod:`~medlint.generators.hugo`, :mod:`~medlint.generators.jekyll`, :mod:`~medlint.generators.zola`:
  their documented URL rules, from each page's front matter;
- a plain folder: MkDocs' path rules.

The generator is found from the settings file in the site folder; the ``generator`` setting forces
one. Page lists are cached with the page index (see :mod:`~medlint.generators.cache`).
"""

from __future__ import annotations

from pathlib import Path

from medlint.files import Boundary
from medlint.site import Site, SiteError

GENERATORS = ("auto", "mkdocs", "properdocs", "zensical", "hugo", "jekyll", "zola", "folder")

SETTINGS_FILES = {
    "mkdocs": ("mkdocs.yml", "mkdocs.yaml"),
    "properdocs": ("properdocs.yml", "properdocs.yaml"),
    "zensical": ("zensical.toml",),
    "hugo": ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"),
    "jekyll": ("_config.yml", "_config.yaml"),
    "zola": ("config.toml",),
}
"""The file that marks a folder as each generator's site, in the order detection tries them."""


def detect(folder: Path) -> tuple[str, Path | None]:
    """The generator of the site in ``folder`` and its settings file; a Hugo site may keep its
    settings in ``config.toml`` (Hugo's older name) too, told from Zola's by its keys."""
    for name, files in SETTINGS_FILES.items():
        for file in files:
            if (folder / file).is_file():
                if name == "zola" and _is_hugo_config(folder / file):
                    return "hugo", folder / file
                return name, folder / file
    for file in ("config.yaml", "config.yml", "config.json"):
        if (folder / file).is_file() and (folder / "content").is_dir():
            return "hugo", folder / file
    return "folder", None


def _is_hugo_config(path: Path) -> bool:
    """A ``config.toml`` with Hugo's ``baseURL`` (Zola's is ``base_url``)."""
    from medlint.files import read_regular

    try:
        head = read_regular(path, 65536)[:65536].decode("utf-8", errors="replace")
    except OSError:
        return False
    return "baseURL" in head or "baseurl" in head.lower().replace("base_url", "")


def open_site(
    folder: Path | None,
    configured_url: str | None = None,
    boundary: Boundary | None = None,
    generator: str = "auto",
    use_cache: bool = True,
) -> Site | None:
    """The site in ``folder``, read as its generator publishes it (detected from its settings file
    unless ``generator``, one of :data:`GENERATORS`, names one), or only an address when there is
    no folder; ``None`` when neither is known. Settings, content and pages are read only inside
    ``boundary``; ``use_cache`` false neither reads nor writes a cached page list."""
    if folder is None:
        return Site(None, configured_url) if configured_url else None
    folder = folder.resolve()
    if not folder.is_dir():
        raise SiteError(f"site folder not found: {folder}")
    if generator not in GENERATORS:
        raise SiteError(f"unknown generator {generator!r} (one of {', '.join(GENERATORS)})")
    found, settings = detect(folder)
    if generator not in ("auto", found):
        files = SETTINGS_FILES.get(generator, ())
        settings = next((folder / file for file in files if (folder / file).is_file()), None)
        found = generator
    if settings is not None and boundary is not None and boundary.leaves(settings):
        raise SiteError(f"{settings} leads outside the project; set follow_outside: true (or --follow-outside)")
    if found in ("mkdocs", "properdocs", "zensical"):
        from medlint.generators import mkdocs

        return mkdocs.open_site(folder, settings, found, configured_url, boundary, use_cache)
    if found in ("hugo", "jekyll", "zola") and settings is not None:
        from importlib import import_module

        module = import_module(f"medlint.generators.{found}")
        return module.open_site(folder, settings, configured_url, boundary)  # type: ignore[no-any-return]
    return Site(folder, configured_url, generator="folder", boundary=boundary)

"""Eleventy sites: ``eleventy.config.{js,mjs,cjs}`` or ``.eleventy.js`` read as text (``dir``:
``input``, ``output``, ``includes``, ``layouts``, ``data``; ``pathPrefix``), the input folder.

A page's URL, by Eleventy's rules (3.x): ``permalink`` from its front matter, else from its
template data file (``post.11tydata.json``, ``post.json``), else from the nearest directory data
file (``posts/posts.11tydata.json``, ``posts/posts.json``, up to the input folder); with none, its
path without the extension as a folder (``posts/2024-01-02-hello/``; ``index`` is its folder). A
permalink is read when it is a literal or uses ``page.fileSlug``, ``page.filePathStem`` or a
front matter string through ``slugify``/``slug``; anything else (a filter, a JavaScript data file,
``eleventyComputed``, pagination) is a computed route: one notice names the file, and medlint
suggests no URL for it. ``permalink: false`` is not written. Every template format Eleventy reads
by default is a page (Liquid, Nunjucks, HTML, ``.11ty.js``); Markdown files are the ones compared.
Drafts: ``draft: true`` where the site's configuration reads ``data.draft`` (the drafts
preprocessor of Eleventy's base blog). ``eleventyExcludeFromCollections`` pages are still written.

The site's address is the ``url`` of ``_data/metadata`` or ``_data/site`` (JSON, or a literal in a
JavaScript data file), under ``pathPrefix``.
"""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Any

from medlint.generators.base import Evidence, Generator, SiteOptions
from medlint.generators.common import files_named, front_matter_of, guess, inside, mentions, say_computed, under_base
from medlint.generators.jstext import COMPUTED, block_of, read_source, value_of
from medlint.loaders import MAX_SETTINGS_SIZE
from medlint.site import Page, Site, SiteError

_TEMPLATES = (".md", ".liquid", ".njk", ".html", ".11ty.js", ".11ty.cjs", ".11ty.mjs")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}|\{%.*?%\}")
_SLUGGED = re.compile(r"^([A-Za-z_]\w*)\s*\|\s*(?:slugify|slug)$")
_SETTER = re.compile(r"""set(Input|Output|Includes|Layouts|Data)Directory\(\s*["']([^"'\n]*)["']""")


class Eleventy(Generator):
    name = "eleventy"
    settings_files = ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js")

    def evidence(self, folder: Path) -> Evidence:
        """Its settings file counts 3, a ``package.json`` naming ``@11ty/eleventy`` 2 (a site may
        have no settings file)."""
        found = self.settings_file(folder)
        return Evidence(3 * (found is not None) + 2 * mentions(folder / "package.json", b'"@11ty/eleventy"'), found)

    def open(self, folder: Path, settings_file: Path | None, options: SiteOptions) -> Site:
        source = read_source(settings_file, options.boundary) if settings_file is not None else ""
        directories = block_of(source, "dir", None)
        written = {"input": ".", "output": "_site", "includes": "_includes", "layouts": None, "data": "_data"}
        for key in written:
            value = value_of(directories, key) if isinstance(directories, str) else None
            if isinstance(value, str):
                written[key] = value
        for setter in _SETTER.finditer(source):
            written[setter.group(1).lower()] = setter.group(2)
        origin = settings_file or folder
        content = inside(folder / str(written["input"]), options.boundary, "input folder", origin, required=False)
        prefix = value_of(source, "pathPrefix", None)
        settings: dict[str, Any] = {
            "dir": written,
            "project": folder,
            "output": (folder / str(written["output"])).resolve(),
            "drafts": "data.draft" in source,
            "computed": ["'pathPrefix'"] if prefix is COMPUTED else [],
        }
        address = under_base(_address(content / str(written["data"]), options), prefix)
        return self.site(content, address, settings, settings_file, options)

    def pages(self, site: Site) -> list[Page]:
        root = site.docs_dir
        if root is None:
            return []
        settings = site.settings
        say_computed(site)
        found = []
        data_files: dict[Path, object] = {}
        for file in self._templates(site):
            with_front_matter = file.suffix.lower() in (".md", ".liquid", ".njk", ".html")
            meta = front_matter_of(file, site.boundary) if with_front_matter else {}
            relative = file.relative_to(root).as_posix()
            permalink = meta["permalink"] if "permalink" in meta else _inherited(file, root, data_files, site)
            url = _url(relative, permalink, meta)
            if url is COMPUTED or "eleventyComputed" in meta or "pagination" in meta:
                guess(site, f"{file}: its permalink is computed by the site's code; medlint suggests no URL for it")
                url = None
            published = url is not False and not (settings.get("drafts") and meta.get("draft") is True)
            markdown = file.suffix.lower() == ".md"
            if markdown or (published and isinstance(url, str)):
                found.append(Page(url if isinstance(url, str) else None, file if markdown else None, (), published))
        return found

    def _templates(self, site: Site) -> list[Path]:
        """Every template of the input folder but those of the includes, layouts and data folders,
        the output folder and ``.eleventyignore``'s entries."""
        root = site.docs_dir
        assert root is not None
        written = site.settings["dir"]
        skipped = [(root / str(written[key])).resolve() for key in ("includes", "layouts", "data") if written[key]]
        skipped.append(site.settings["output"])
        ignored = _ignored([site.settings["project"], root])
        found = files_named(root, site.boundary, lambda name: name.lower().endswith(_TEMPLATES))
        return [
            file
            for file in found
            if not any(folder == file or folder in file.parents for folder in skipped)
            and not (ignored is not None and ignored.match(file.as_posix()))
        ]


def _address(data: Path, options: SiteOptions) -> str | None:
    """The ``url`` of the site's ``metadata`` or ``site`` global data file, if literal."""
    from medlint.files import read_regular

    for name in ("metadata", "site"):
        for suffix in (".json", ".js", ".mjs", ".cjs"):
            path = data / f"{name}{suffix}"
            if not path.is_file() or (options.boundary is not None and not options.boundary.contains(path)):
                continue  # a data folder out of the project is not read
            try:
                if suffix == ".json":
                    value = json.loads(read_regular(path, MAX_SETTINGS_SIZE)).get("url")
                else:
                    value = value_of(read_source(path, options.boundary), "url", None)
            except (OSError, ValueError, AttributeError, SiteError):
                continue
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                return value if value.endswith("/") else value + "/"
    return None


def _inherited(file: Path, root: Path, known: dict[Path, object], site: Site) -> object:
    """The permalink a template's data file or its folders' data files give (``None``: none)."""
    candidates = [file.parent / f"{_stem(file.name)}.11tydata", file.parent / _stem(file.name)]
    folder = file.parent
    while True:
        candidates += [folder / f"{folder.name}.11tydata", folder / folder.name]
        if folder == root or root not in folder.parents:
            break
        folder = folder.parent
    for base in candidates:
        if base not in known:
            known[base] = _data_permalink(base, site)
        if known[base] is not None:
            return known[base]
    return None


def _data_permalink(base: Path, site: Site) -> object:
    """The ``permalink`` of the data file ``base`` + ``.json`` (or :data:`COMPUTED` for a
    JavaScript one that sets it)."""
    from medlint.files import read_regular

    json_file = base.with_name(base.name + ".json")
    if json_file.is_file() and not (site.boundary is not None and site.boundary.leaves(json_file)):
        try:
            data = json.loads(read_regular(json_file, MAX_SETTINGS_SIZE))
        except (OSError, ValueError):
            return None
        if isinstance(data, dict) and "eleventyComputed" in data:
            return COMPUTED
        return data.get("permalink") if isinstance(data, dict) else None
    for suffix in (".js", ".cjs", ".mjs"):
        script = base.with_name(base.name + suffix)
        if script.is_file() and "permalink" in read_source(script, site.boundary):
            return COMPUTED
    return None


def _stem(name: str) -> str:
    """A template's name without its format (``post.11ty.js`` -> ``post``)."""
    for suffix in _TEMPLATES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def file_slug(relative: str) -> str:
    """Eleventy's ``page.fileSlug``: the name without a leading date; ``index`` its folder's name."""
    stem = _stem(posixpath.basename(relative))
    if stem == "index":
        return posixpath.basename(posixpath.dirname(relative))
    return _DATE_PREFIX.sub("", stem)


def _url(relative: str, permalink: object, meta: dict[str, Any]) -> object:
    """A template's URL path from the input folder's root: ``False`` when not written,
    :data:`COMPUTED` when its permalink cannot be read."""
    if permalink is False:
        return False
    if permalink is COMPUTED or (permalink is not None and not isinstance(permalink, str)):
        return COMPUTED
    stem = "/" + posixpath.join(posixpath.dirname(relative), _stem(posixpath.basename(relative))).lstrip("./")
    if permalink is None:
        folder = stem[: -len("index")] if stem.endswith("/index") else stem + "/"
        return folder.lstrip("/")
    values = {"page.fileSlug": file_slug(relative), "page.filePathStem": stem}
    computed = False

    def filled(match: re.Match[str]) -> str:
        nonlocal computed
        expression = match.group(1)
        if expression in values:
            return values[expression]
        slugged = _SLUGGED.match(expression or "")
        if slugged is not None and isinstance(meta.get(slugged.group(1)), str):
            return slugify(meta[slugged.group(1)])
        computed = True
        return ""

    url = _EXPRESSION.sub(filled, permalink)
    if computed:
        return COMPUTED
    url = url.strip().lstrip("/")
    return url[: -len("index.html")] if url.endswith("index.html") else url


def slugify(text: str) -> str:
    """Eleventy's ``slugify`` filter (``@sindresorhus/slugify``): camelCase split, ``&`` as
    ``and``, accents dropped, lower case, each run of other characters one ``-``."""
    text = re.sub(r"([a-z\d])([A-Z])", r"\1 \2", text).replace("&", " and ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ignored(folders: list[Path]) -> re.Pattern[str] | None:
    """The entries of ``.eleventyignore`` in the project's folder and the input folder (paths,
    folders or globs, each relative to its file's folder) as one expression over absolute paths."""
    from fnmatch import translate

    from medlint.files import read_regular

    expressions: list[str] = []
    for folder in dict.fromkeys(folders):
        try:
            text = read_regular(folder / ".eleventyignore", MAX_SETTINGS_SIZE).decode("utf-8", "replace")
        except OSError:
            continue
        for line in text.splitlines():
            line = line.strip().removeprefix("./").rstrip("/")
            if line and not line.startswith(("#", "!")):
                entry = translate(line).removesuffix(r"\Z").removesuffix(r"\z")
                expressions.append(f"{re.escape(folder.as_posix())}/{entry}(?:/.*)?")
    return re.compile("|".join(f"(?:{expression})" for expression in expressions) + r"\Z") if expressions else None

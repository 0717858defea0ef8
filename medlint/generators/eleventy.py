"""Eleventy sites: ``eleventy.config.{js,mjs,cjs}`` or ``.eleventy.js`` read as text (``dir``:
``input``, ``output``, ``includes``, ``layouts``, ``data``; ``pathPrefix``), the input folder.

A page's URL, by Eleventy's rules (3.x): ``permalink`` from its front matter, else from its
template data file (``post.11tydata.json``, ``post.json``), else from the nearest directory data
file (``posts/posts.11tydata.json``, ``posts/posts.json``, up to the input folder); with none, its
path without the extension as a folder (``posts/2024-01-02-hello/``; ``index`` is its folder). A
permalink is read when it is a literal or uses ``page.fileSlug``, ``page.filePathStem`` or a
front matter string through ``slugify``/``slug``; anything else (a filter, a JavaScript data file,
``eleventyComputed``, pagination) is a computed route: one notice names the file, and medlint
suggests no URL for it, unless the site is trusted (``--trust-site``): Eleventy itself is then
asked (:mod:`medlint.generators.own_build`). ``permalink: false`` is not written. Every template format Eleventy reads
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
from medlint.generators.common import (
    files_named,
    front_matter_of,
    guess,
    inside,
    mentions,
    plain_files,
    say_computed,
    under_base,
)
from medlint.generators.jstext import COMPUTED, block_of, read_source, value_of
from medlint.generators.own_build import Published, eleventy_published, files_of, own_build, pages_of
from medlint.loaders import MAX_SETTINGS_SIZE
from medlint.site import Page, Site, SiteError

_TEMPLATES = (".md", ".liquid", ".njk", ".html", ".11ty.js", ".11ty.cjs", ".11ty.mjs")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}|\{%.*?%\}")
_SLUGGED = re.compile(r"^([A-Za-z_]\w*)\s*\|\s*(?:slugify|slug)$")
_PASSTHROUGH = re.compile(r"addPassthroughCopy\(\s*((?:\"[^\"\n]*\"|'[^'\n]*'|\{[^{}]{0,2000}\}|[^)\n]{1,200}))")
_PAIR = re.compile(r"""["']?([\w./*-]+)["']?\s*:\s*["']([^"'\n]*)["']""")
_SETTER = re.compile(r"""set(Input|Output|Includes|Layouts|Data)Directory\(\s*["']([^"'\n]*)["']""")


class Eleventy(Generator):
    name = "eleventy"
    build_folder = (("output",), "_site")
    stamped_by_project = files_in_stamp = True
    import_tags = "write them in the layout's <head> from the post's data (page.url joined to the site's address)"
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
        published = self._own_build(site)
        if published is not None:
            markdown = {file.resolve(): file for file in self._templates(site) if file.suffix.lower() == ".md"}
            for url, source in published.pages.items():
                published.pages[url] = markdown.get(source) if source is not None else None
            return pages_of(published, [Page(None, file, (), False) for file in markdown.values()], complete=True)
        say_computed(site)
        _image_plugin(site)
        found = []
        data_files: dict[Path, tuple[Path, object] | None] = {}
        for file, url, published in self._written(site, data_files):
            if _is_page(url) or file.suffix.lower() == ".md":
                markdown = file.suffix.lower() == ".md"
                found.append(Page(url if isinstance(url, str) else None, file if markdown else None, (), published))
        return found

    def files(self, site: Site) -> dict[Path, str]:
        """The passthrough copies the settings file names (``addPassthroughCopy("src/assets")``,
        ``addPassthroughCopy({ public: "/" })``, a glob), each at its path from the input folder or
        where the object form sends it; and the templates written as another file than a page
        (``feed.njk`` with ``permalink: /feed.xml``). Eleventy copies nothing else."""
        root = site.docs_dir
        if root is None:
            return {}
        found: dict[Path, str] = {}
        for source, target in _passthrough(site):
            found.update(_copies(site, source, target))
        built = self._own_build(site)
        if built is not None:  # what it writes besides the copies, which --to=json does not make
            return {**found, **files_of(built, found, site.settings["output"])}
        for file, url, published in self._written(site, {}):
            if published and isinstance(url, str) and not _is_page(url):
                found[file] = url
        return found

    def _own_build(self, site: Site) -> Published | None:
        """Eleventy's own list of what it publishes, where the site is trusted (``--trust-site``)."""
        if not site.trusted:
            return None
        project, output = site.settings["project"], site.settings["output"]
        # what the site's code wrote into the output folder is part of the answer: that folder is in the stamp
        return own_build(site, lambda: eleventy_published(project, output), project, None)

    def _written(
        self, site: Site, data_files: dict[Path, tuple[Path, object] | None]
    ) -> list[tuple[Path, object, bool]]:
        """(template, its URL path, published) for each template: the URL ``None`` where the
        site's code decides it (one notice for each file that does), ``False`` when not written."""
        root = site.docs_dir
        assert root is not None
        written = []
        for file in self._templates(site):
            relative = file.relative_to(root).as_posix()
            if file.name.lower().endswith((".11ty.js", ".11ty.cjs", ".11ty.mjs")):
                written.append((file, _script_template_url(site, file, relative), True))
                continue
            meta = front_matter_of(file, site.boundary)
            if _front_matter_is_code(file):
                guess(
                    site,
                    f"{file}: its front matter is JavaScript, which medlint does not run; its values are not read",
                    "",
                )
                written.append((file, None, True))
                continue
            inherited = None if "permalink" in meta else _inherited(file, root, data_files, site)
            permalink = meta["permalink"] if "permalink" in meta else inherited[1] if inherited else None
            url = _url(relative, permalink, meta)
            if "pagination" in meta:
                prefix = _static_prefix(permalink if isinstance(permalink, str) else "")
                guess(
                    site,
                    f"{file}: it paginates, and its pages' URLs come from the site's data; medlint suggests none",
                    prefix,
                )
                url = None
            elif url is COMPUTED or "eleventyComputed" in meta:
                source = inherited[0] if inherited and inherited[1] is COMPUTED else file
                guess(site, f"{source}: computes the permalink of its pages; medlint suggests no URL for them", "")
                url = None
            published = url is not False and not (site.settings.get("drafts") and meta.get("draft") is True)
            written.append((file, url, published))
        return written

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


def _is_page(url: object) -> bool:
    """A URL path Eleventy writes as a page (``x/``, ``x.html``), not as another file."""
    return url is None or (isinstance(url, str) and (url == "" or url.endswith(("/", ".html", ".htm"))))


def _static_prefix(permalink: str) -> str:
    """The folders of a permalink before its first expression (``/tags/{{ tag }}/`` -> ``tags/``)."""
    head = re.split(r"\{\{|\{%", permalink, maxsplit=1)[0].lstrip("/")
    return head[: head.rfind("/") + 1] if "{" in permalink else ""


def _front_matter_is_code(file: Path) -> bool:
    """``---js`` (or ``---javascript``) front matter: code."""
    from medlint.files import read_regular

    try:
        return read_regular(file, 16).split(b"\n", 1)[0].rstrip() in (b"---js", b"---javascript")
    except OSError:
        return False


def _script_template_url(site: Site, file: Path, relative: str) -> object:
    """A JavaScript template's URL: a literal ``permalink`` in it; else where it is written
    when it sets none; else the site's code decides (one notice)."""
    text = read_source(file, site.boundary)
    if "permalink" not in text:
        return _url(relative, None, {})
    literal = value_of(text, "permalink", None)
    if isinstance(literal, str):
        return _url(relative, literal, {})
    guess(site, f"{file}: a JavaScript template whose permalink its code computes; medlint suggests no URL for it", "")
    return None


_URL_PATH = re.compile(r"""urlPath\s*:\s*["']([^"'\n]*)["']""")


def _image_plugin(site: Site) -> None:
    """``@11ty/eleventy-img`` writes the images it makes under its ``urlPath`` (``/img/`` unless
    the code that calls it says, in a literal), with names its code computes: links there are
    unknown, with one notice."""
    project = site.settings["project"]
    if not mentions(project / "package.json", b'"@11ty/eleventy-img"'):
        return
    scripts = files_named(project, site.boundary, lambda name: name.endswith((".js", ".cjs", ".mjs")))
    callers = [script for script in scripts if mentions(script, b"eleventy-img")]
    paths = {match.group(1) for script in callers for match in _URL_PATH.finditer(read_source(script, site.boundary))}
    for path in sorted(paths) or ["/img/"]:
        folder = path.strip("/")
        guess(
            site,
            f"{project / 'package.json'}: @11ty/eleventy-img writes images under /{folder + '/' if folder else ''} "
            "with names its code computes; medlint does not judge links there",
            f"{folder}/" if folder else "",
        )


def _passthrough(site: Site) -> list[tuple[str, str | None]]:
    """The literal passthrough copies of the settings file: (source path or glob from the
    project's folder, target folder from the output's, ``None`` for the default)."""
    if site.settings_file is None:
        return []
    source = read_source(site.settings_file, site.boundary)
    found: list[tuple[str, str | None]] = []
    for call in _PASSTHROUGH.finditer(source):
        argument = call.group(1).strip()
        if argument[:1] in "\"'":
            found.append((argument[1:-1], None))
        elif argument.startswith("{"):
            found += [(key, value) for key, value in _PAIR.findall(argument)]
        else:
            guess(
                site,
                f"{site.settings_file}: a passthrough copy its code names ({argument[:40]}); its files are not known",
                "",
            )
    return found


def _copies(site: Site, source: str, target: str | None) -> dict[Path, str]:
    """The files one passthrough copy publishes, at their URL paths: a folder's files under its
    path from the input folder (or under ``target``), a file at its own, a glob's matches."""
    from fnmatch import fnmatch

    root, project = site.docs_dir, site.settings["project"]
    assert root is not None
    source = source.removeprefix("./")
    if any(character in source for character in "*?["):
        matched = {}
        for file in plain_files(project, site.boundary):
            relative = file.relative_to(project).as_posix()
            if fnmatch(relative, source) or fnmatch(relative, f"{root.relative_to(project).as_posix()}/{source}"):
                matched[file] = _output_path(file, root, project, None)
        return matched
    path = (project / source).resolve()
    if site.boundary is not None and not site.boundary.contains(path):
        return {}
    if path.is_file():
        return {path: _output_path(path, root, project, target)}
    if not path.is_dir():
        return {}
    found = {}
    for file in files_named(path, site.boundary, lambda name: True):  # a passthrough copies all
        if target is None:
            found[file] = _output_path(file, root, project, None)
        else:
            found[file] = posixpath.join(target.strip("/"), file.relative_to(path).as_posix()).lstrip("/")
    return found


def _output_path(file: Path, root: Path, project: Path, target: str | None) -> str:
    """Where Eleventy copies ``file``: its path from the input folder (from the project's, if it
    lies outside the input folder), or ``target`` for a file given alone."""
    if target is not None:
        return target.strip("/") if not target.endswith("/") else target.strip("/") + "/" + file.name
    base = root if root in file.parents else project
    return file.relative_to(base).as_posix()


def _inherited(
    file: Path, root: Path, known: dict[Path, tuple[Path, object] | None], site: Site
) -> tuple[Path, object] | None:
    """The data file that gives a template its permalink (its own, then its folders', up to the
    input folder), with that permalink; ``None``: none does."""
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


def _data_permalink(base: Path, site: Site) -> tuple[Path, object] | None:
    """The data file ``base`` + ``.json`` with its ``permalink`` (:data:`COMPUTED` for a
    JavaScript one that sets it); ``None`` when there is none or it sets none."""
    from medlint.files import read_regular

    json_file = base.with_name(base.name + ".json")
    if json_file.is_file() and not (site.boundary is not None and site.boundary.leaves(json_file)):
        try:
            data = json.loads(read_regular(json_file, MAX_SETTINGS_SIZE))
        except (OSError, ValueError):
            return None
        if isinstance(data, dict) and "eleventyComputed" in data:
            return json_file, COMPUTED
        permalink = data.get("permalink") if isinstance(data, dict) else None
        return (json_file, permalink) if permalink is not None else None
    for suffix in (".js", ".cjs", ".mjs"):
        script = base.with_name(base.name + suffix)
        if script.is_file() and "permalink" in read_source(script, site.boundary):
            return script, COMPUTED
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
    if permalink is None:  # index.md, and a file named as its folder (about/about.md), is the folder
        parent = posixpath.dirname(stem)
        named_as_folder = parent not in ("", "/") and posixpath.basename(stem) == posixpath.basename(parent)
        folder = stem[: -len("index")] if stem.endswith("/index") else parent + "/" if named_as_folder else stem + "/"
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

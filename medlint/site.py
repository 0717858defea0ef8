"""The existing site a draft is checked against: an MkDocs project or a plain folder of pages."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from medlint import urls

MARKDOWN_SUFFIXES = (".md", ".markdown")


class SiteError(Exception):
    """The site cannot be used (a broken ``mkdocs.yml``, a missing folder)."""


def load_mkdocs_yml(path: Path, _depth: int = 0) -> dict[str, Any]:
    """Read ``mkdocs.yml`` as MkDocs would for the keys medlint uses, without running it: ``INHERIT``
    is merged in, ``!ENV`` is read from the environment, other tags (``!!python/name:``) read as null."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_constructor("!ENV", _environment_value)
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise SiteError(f"{path}: invalid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteError(f"{path}: expected a mapping of settings")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        if _depth >= 10:
            raise SiteError(f"{path}: INHERIT goes more than 10 files deep (a loop?)")
        return _merged(load_mkdocs_yml(path.parent / parent, _depth + 1), data)
    return data


def _environment_value(loader: Any, node: Any) -> Any:
    """MkDocs' ``!ENV NAME`` and ``!ENV [NAME, OTHER, default]``: the first variable that is set,
    else the last item as the default (when it is not a variable's name given alone)."""
    import yaml

    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``, mappings merged key by key (as MkDocs merges ``INHERIT``)."""
    result = dict(base)
    for key, value in override.items():
        result[key] = (
            _merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
        )
    return result


@dataclass
class Site:
    """Pages (Markdown files under ``docs_dir``) and the URL each one is published at."""

    docs_dir: Path
    site_url: str | None = None
    use_directory_urls: bool = True
    mkdocs_yml: Path | None = None
    #: the pages, when the caller already knows them (MkDocs' file list); else found on first use
    known_pages: list[Path] | None = field(default=None, repr=False)
    _by_url: dict[str, Path] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, folder: Path, site_url: str | None = None) -> Site:
        folder = folder.resolve()
        if not folder.is_dir():
            raise SiteError(f"site folder not found: {folder}")
        config_file = folder / "mkdocs.yml"
        if not config_file.is_file():
            return cls(folder, site_url)
        config = load_mkdocs_yml(config_file)
        docs_dir = (folder / str(config.get("docs_dir") or "docs")).resolve()
        if not docs_dir.is_dir():
            raise SiteError(f"{config_file}: docs_dir {docs_dir} is not a folder")
        return cls(
            docs_dir,
            site_url or (str(config["site_url"]) if config.get("site_url") else None),
            bool(config.get("use_directory_urls", True)),
            config_file,
        )

    @property
    def root(self) -> Path:
        return self.mkdocs_yml.parent if self.mkdocs_yml else self.docs_dir

    def pages(self) -> list[Path]:
        if self.known_pages is None:
            found: list[Path] = []
            for folder, subfolders, names in os.walk(self.docs_dir):
                subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
                for name in sorted(names):
                    if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                        found.append(Path(folder, name))
            self.known_pages = found
        return self.known_pages

    def url_path(self, page: Path) -> str:
        """The page's URL relative to the site root, by MkDocs' rules (``guide/`` or ``guide.html``)."""
        relative = page.relative_to(self.docs_dir).as_posix()
        folder, _, name = relative.rpartition("/")
        stem = name.rsplit(".", 1)[0]
        prefix = f"{folder}/" if folder else ""
        is_index = stem == "index" or (stem.upper() == "README" and not (page.parent / "index.md").exists())
        if is_index:
            return prefix if self.use_directory_urls else f"{prefix}index.html"
        return f"{prefix}{stem}/" if self.use_directory_urls else f"{prefix}{stem}.html"

    def url(self, page: Path) -> str:
        path = self.url_path(page)
        return urljoin(self.base_url, path) if self.site_url else "/" + path

    @property
    def base_url(self) -> str:
        return urls.as_folder(self.site_url or "/")

    def page_for_url(self, url: str) -> Path | None:
        if self._by_url is None:
            self._by_url = {urls.normalize(self.url(page)): page for page in self.pages()}
        return self._by_url.get(urls.normalize(url))

    def owns(self, url: str) -> bool:
        """Whether an absolute URL points somewhere under the site's address."""
        if not self.site_url:
            return False
        return urls.normalize(url + "/").startswith(urls.normalize(self.base_url))

    def resolve(self, target: str, from_file: str) -> tuple[Path | None, str | None]:
        """A relative target as (the page it names, its absolute URL); either may be unknown."""
        path_part = unquote(urlsplit(target).path)
        fragment = target[len(target.split("#", 1)[0]) :]
        if target.startswith("/"):
            url = urljoin(self.base_url, target) if self.site_url else None
            return (self.page_for_url(url) if url else None), url
        candidates = [
            os.path.join(os.path.dirname(os.path.abspath(from_file)), path_part),
            os.path.join(self.docs_dir, path_part),
        ]
        for candidate in candidates:
            normal = Path(posixpath.normpath(candidate.replace(os.sep, "/")))
            if not _inside(normal, self.docs_dir):
                continue
            if normal.suffix.lower() in MARKDOWN_SUFFIXES:
                if normal.is_file():
                    return normal, (self.url(normal) + fragment if self.site_url else None)
                continue
            relative = normal.relative_to(self.docs_dir).as_posix()
            return None, (urljoin(self.base_url, relative) + fragment if self.site_url else None)
        if path_part.lower().endswith(MARKDOWN_SUFFIXES):
            return None, None
        return None, (urljoin(self.base_url, path_part) + fragment if self.site_url else None)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True

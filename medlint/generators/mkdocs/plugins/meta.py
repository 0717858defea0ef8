"""Material for MkDocs' meta plugin (``meta``, ``material/meta``): a ``.meta.yml`` file (the
``meta_file`` setting) gives every page in its folder and below its keys as front matter, the
page's own front matter merged on top (lists added to, mappings merged). It moves no page itself;
the blog reads a post's categories, date, slug and draft flag through it."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.files import WalkLimitError, walk_files
from medlint.site import SiteError

if TYPE_CHECKING:
    from medlint.generators.mkdocs.plugins.state import Build

PRIORITY = 0


def apply(build: Build, options: Mapping[str, Any]) -> None:
    """Nothing moves: :func:`merger` is how the meta files count."""


def merger(build: Build) -> Callable[[str, dict[str, Any]], dict[str, Any]]:
    """``(src_uri, front matter) -> front matter with the meta files of its folders under it``; the
    front matter alone when the meta plugin is not on."""
    from medlint.generators.mkdocs.plugins.state import configured

    options = next((options for name, options in configured(build.settings) if name == "meta"), None)
    if options is None or options.get("enabled", True) is False:
        return lambda src_uri, meta: meta
    files = _meta_files(build, str(options.get("meta_file") or ".meta.yml"))

    def merged(src_uri: str, meta: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for path, defaults in files:
            if src_uri.startswith(posixpath.dirname(path)):
                _merge(result, defaults)
        _merge(result, meta)
        return result

    return merged


def _meta_files(build: Build, name: str) -> list[tuple[str, dict[str, Any]]]:
    from medlint.generators.common import settings_of

    found = []
    try:
        for path, error in walk_files(build.docs_dir, build.boundary, lambda file: file == name, "meta files"):
            if error is None:
                try:
                    data = settings_of(Path(path))
                except SiteError:  # Material's build stops on it; here it gives no keys
                    data = {}
                found.append((os.path.relpath(path, build.docs_dir).replace(os.sep, "/"), data))
    except WalkLimitError as exc:
        raise SiteError(str(exc)) from None
    return found


def _merge(into: dict[str, Any], values: Mapping[str, Any]) -> None:
    """``values`` merged into ``into`` as Material merges meta (mergedeep's typesafe additive)."""
    for key, value in values.items():
        current = into.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge(current, value)
        elif isinstance(current, list) and isinstance(value, list):
            into[key] = [*current, *value]
        else:
            into[key] = dict(value) if isinstance(value, dict) else value

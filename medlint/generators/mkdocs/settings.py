"""``mkdocs.yml`` (and ``properdocs.yml``) read as data, ``INHERIT`` merged in, without MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medlint.files import Boundary
from medlint.generators.common import settings_of
from medlint.loaders import Tagged
from medlint.site import SiteError


def load_mkdocs_yml(path: Path, boundary: Boundary | None = None, _depth: int = 0) -> dict[str, Any]:
    """Read ``mkdocs.yml`` as MkDocs would for the keys medlint uses, without running it: ``INHERIT``
    is merged in, ``!ENV`` is read from the environment, other tags are kept as inert
    :class:`~medlint.loaders.Tagged` data. An ``INHERIT`` that leads out of ``boundary``, or that is
    written with a tag, is a :class:`SiteError`."""

    if boundary is not None and not boundary.contains(path):
        raise SiteError(f"{path} is outside the project; set follow_outside: true (or --follow-outside) to read it")
    data = settings_of(path, mkdocs_tags=True)
    parent = data.pop("INHERIT", None)
    if isinstance(parent, Tagged):
        raise SiteError(f"{path}: INHERIT is written with the YAML tag {parent.tag}, which medlint does not construct")
    if isinstance(parent, str):
        if _depth >= 10:
            raise SiteError(f"{path}: INHERIT goes more than 10 files deep (a loop?)")
        return _merged(load_mkdocs_yml(path.parent / parent, boundary, _depth + 1), data)
    return data


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``, mappings merged key by key (as MkDocs merges ``INHERIT``)."""
    result = dict(base)
    for key, value in override.items():
        result[key] = (
            _merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
        )
    return result

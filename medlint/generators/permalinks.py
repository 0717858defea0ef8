"""Permalink patterns: ``/:year/:month/:title/`` (Hugo, Jekyll) filled from a page's values.

A placeholder is ``:`` and a word; one with no value is kept as written, as the generators do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_PLACEHOLDER = re.compile(r":(\w+)")


def expand(pattern: str, values: Mapping[str, str]) -> str:
    """``pattern`` with each ``:name`` it has a value for replaced."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), pattern)


def as_folder(url: str) -> str:
    """A URL path from the site root that ends in ``/`` unless its last part names a file."""
    url = "/" + url.lstrip("/")
    return url if url.endswith("/") or "." in url.rsplit("/", 1)[-1] else url + "/"


def listed(value: object) -> list[str]:
    """A front matter list of names (``aliases``, ``categories``) as strings; anything else is none."""
    return [str(item) for item in value if isinstance(item, (str, int))] if isinstance(value, list) else []


def names(value: object) -> list[str]:
    """A front matter field of names that takes one name or a list (``tags: Life`` or ``tags:
    [a, b]``) as strings; anything else is none."""
    return [str(value)] if isinstance(value, (str, int)) and str(value).strip() else listed(value)

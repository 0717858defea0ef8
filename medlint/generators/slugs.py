"""Slugs as each generator makes them from a title, a heading or a file name.

One module for all of them, so that a rule found to differ from a real build is fixed in one place:

- :func:`toc_id`: Python-Markdown's ``toc`` heading ids (MkDocs, ProperDocs, Zensical);
- :func:`zola`: Zola's ``slugify.paths = "on"``;
- :func:`hugo_urlize`: Hugo's ``urlize`` of a title;
- :func:`jekyll_category`: how Jekyll writes a category in a post's URL.
"""

from __future__ import annotations

import re
import unicodedata


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def toc_id(text: str) -> str:
    """Python-Markdown's ``toc.slugify``: ASCII, word characters, spaces and hyphens to one ``-``."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", _ascii(text)).strip().lower())


def zola(text: str) -> str:
    """Zola's default slug: ASCII, lower case, runs of other characters as ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")


def hugo_urlize(text: str) -> str:
    """Hugo's ``urlize`` for a title: lower case, spaces to hyphens, punctuation dropped."""
    text = re.sub(r"[^\w\s-]", "", text.strip().lower())
    return re.sub(r"\s+", "-", text)


def jekyll_category(text: str) -> str:
    """How Jekyll writes a category in a URL: lower case (a space stays a space)."""
    return text.strip().lower()

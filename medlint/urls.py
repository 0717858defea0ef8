"""URL helpers shared by the link and duplicate rules."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PAGE_SUFFIX = re.compile(r"(?:/index)?\.(?:md|markdown|html?)$|/index$", re.IGNORECASE)


def has_scheme(target: str) -> bool:
    """``https://...``, ``mailto:...`` and other targets that leave the page's folder behind."""
    return bool(_SCHEME.match(target))


def is_web_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def host_of(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def as_folder(url: str) -> str:
    """``https://a.example/blog`` -> ``https://a.example/blog/``: a site's URL as a base that
    relative links resolve under (``urljoin`` would drop a last segment without the slash)."""
    return url if url.endswith("/") else url + "/"


def is_relative(target: str) -> bool:
    """A target that depends on where the page lives: ``guide.md``, ``../img/a.png``, ``/about/``."""
    return bool(target) and not has_scheme(target) and not target.startswith(("#", "//"))


def normalize(url: str) -> str:
    """A comparison key: scheme, ``www.``, host case, fragment, trailing slash, ``index.html``,
    ``.md``/``.html`` suffixes do not matter."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip().lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = _PAGE_SUFFIX.sub("", parts.path.rstrip("/")).rstrip("/")
    key = f"{host}{path}"
    return f"{key}?{parts.query}" if parts.query else key

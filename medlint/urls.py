"""URL helpers shared by the link and duplicate rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PAGE_SUFFIX = re.compile(r"(?:/index)?\.(?:md|markdown|html?)$|/index$", re.IGNORECASE)


def has_scheme(target: str) -> bool:
    """``https://...``, ``mailto:...`` and other targets that leave the page's folder behind."""
    return bool(_SCHEME.match(target))


def is_web_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http or https address with a host, else ``None``: an address from a
    draft or a site's settings is used only as a web address (never ``javascript:``)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


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


@lru_cache(maxsize=8192)  # the same targets recur across a run's drafts and pages
def normalize(url: str) -> str:
    """A comparison key: two URLs with one key are one address. Scheme, ``www.``, host case, a
    default port, fragment, trailing slash, ``index.html`` and ``.md``/``.html`` suffixes do not
    matter, and neither does percent-encoding a character that needs none (``%40`` is ``@``,
    RFC 3986's unreserved and path characters)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip().lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    key = f"{host}{_without_page_suffix(_decoded(parts.path).rstrip('/'))}"
    return f"{key}?{_decoded(parts.query)}" if parts.query else key


def page_keys(base_url: str) -> Callable[[str], str]:
    """``normalize(base_url + path)`` for the URL paths of a site's pages, with the base split
    once: a site of 50,000 pages asks it 50,000 times. A path that is not a plain path (a query,
    a fragment, a scheme, ``//``) takes the whole way."""
    try:
        parts = urlsplit(base_url)
        port = parts.port
    except ValueError:
        return lambda path: normalize(base_url + path)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    base_path = parts.path
    if parts.query or parts.fragment:
        return lambda path: normalize(base_url + path)

    def key(path: str) -> str:
        path = encoded(path)  # a page's path as its generator writes it: "why?/" is no query
        if (
            path.startswith("/")
            or "?" in path
            or "#" in path
            or "//" in path
            or ":" in path
            or path != path.strip()
            or "\t" in path
            or "\r" in path
            or "\n" in path  # urlsplit drops them wherever they are
        ):
            return normalize(base_url + path)
        return host + _without_page_suffix(_decoded(base_path + path).rstrip("/"))

    return key


def _without_page_suffix(path: str) -> str:
    """``path`` without its ``index``, ``.md`` or ``.html`` and trailing slashes (the regular
    expression only runs where its match can end: half the cost of a site's page keys)."""
    if "." in path[-9:] or path[-6:].lower() == "/index":
        path = _PAGE_SUFFIX.sub("", path)
    return path.rstrip("/")


_DEFAULT_PORTS = {"http": 80, "https": 443}
#: what a URL path may hold as it is (RFC 3986's unreserved characters, sub-delimiters, ``:@/``)
_PLAIN_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
_PLAIN = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/]*\Z")
#: escapes whose decoding changes what the URL means (``%2F`` is no folder, ``%3F`` no query)
_MEANINGFUL_ESCAPE = re.compile(r"%(25|2[Ff]|3[Ff]|23)")


def encoded(path: str) -> str:
    """A URL path as written on disk or in a slug (``my post/``, ``café/``) as a browser asks for
    it (``my%20post/``, ``caf%C3%A9/``): how a generator publishes it, and how medlint writes it
    in a message or a fix."""
    from urllib.parse import quote

    return path if _PLAIN.match(path) else quote(path, safe=_PLAIN_CHARACTERS)


def _decoded(text: str) -> str:
    """``text`` (a URL path or query, written or percent-encoded) written one way: escaped where a
    URL must escape (a space, a letter outside ASCII, in upper-case hexadecimal), plain where it
    need not, so ``my%20post``, ``my post``, ``caf%c3%a9`` and ``café`` each have one key. The
    escapes of ``%``, ``/``, ``?`` and ``#`` stay escapes."""
    if _PLAIN.match(text):
        return text
    from urllib.parse import quote, unquote

    kept = _MEANINGFUL_ESCAPE.sub(lambda match: "\0" + match.group(1).upper(), text)
    decoded = unquote(kept, errors="surrogateescape")
    return quote(decoded, safe=_PLAIN_CHARACTERS + "\0", errors="surrogateescape").replace("\0", "%")

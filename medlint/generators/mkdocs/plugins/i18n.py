"""mkdocs-static-i18n (``i18n``): one build of the site a language, each under its own folder.

The default language's pages keep their URLs; every other built language's are under
``/<locale>/``. A page's language is its suffix (``page.fr.md``, the ``suffix`` structure, the
default) or its top folder (``fr/page.md``, the ``folder`` structure); a page with none is in the
default language. Each language publishes, for every page, its own translation, else (with
``fallback_to_default``, the default) the default language's, whose URL in that language is then
one more address of the default page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from medlint.site import Page

if TYPE_CHECKING:
    from medlint.generators.mkdocs.plugins.state import Build

PRIORITY = -100
_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")


def apply(build: Build, options: Mapping[str, Any]) -> None:
    languages = [item for item in options.get("languages") or [] if isinstance(item, dict) and item.get("locale")]
    if not languages:
        return
    locales = [str(item["locale"]) for item in languages]
    default = next((str(item["locale"]) for item in languages if item.get("default") is True), locales[0])
    built = [str(item["locale"]) for item in languages if item.get("build", True) is not False]
    folder_structure = options.get("docs_structure") == "folder"
    fallback = options.get("fallback_to_default", True) is not False
    sources = {}  # src_uri -> (the path it has without its language, its language)
    for src_uri, page in build.pages.items():
        if page.file is not None:
            sources[src_uri] = (_folder if folder_structure else _suffix)(src_uri, locales, default)
    urls: dict[str, dict[str, str]] = {src_uri: {} for src_uri in sources}  # src_uri -> language -> URL
    for language in built:
        chosen: dict[str, str] = {}
        for src_uri, (normal, locale) in sources.items():
            if locale == language or (normal not in chosen and fallback and locale == default):
                chosen[normal] = src_uri
        prefix = "" if language == default else f"{language}/"
        for normal, src_uri in chosen.items():
            urls[src_uri][language] = prefix + build.url_of(normal)
    for src_uri, (_, locale) in sources.items():
        page, found = build.pages[src_uri], urls[src_uri]
        if not found:
            build.pages[src_uri] = Page(page.url, page.file, page.aliases, published=False)
            continue
        own = found.get(locale) or next(iter(found.values()))
        others = tuple(url for url in found.values() if url != own)
        build.pages[src_uri] = Page(own, page.file, (*page.aliases, *others), page.published)


def _suffix(src_uri: str, locales: list[str], default: str) -> tuple[str, str]:
    """``page.fr.md`` -> (``page.md``, ``fr``)."""
    folder, _, name = src_uri.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    base, _, suffix = stem.rpartition(".")
    if base and (suffix in locales or _LOCALE.match(suffix)):
        return posixpath.join(folder, f"{base}{dot}{extension}"), suffix
    return src_uri, default


def _folder(src_uri: str, locales: list[str], default: str) -> tuple[str, str]:
    """``fr/page.md`` -> (``page.md``, ``fr``)."""
    top, _, rest = src_uri.partition("/")
    if rest and (top in locales or _LOCALE.match(top)):
        return rest, top
    return src_uri, default

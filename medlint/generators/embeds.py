"""What Hugo's shortcodes and Jekyll's tags stand for, written as the Markdown Medium takes: the
story of a draft is rendered from the draft with these replaced, as the generator replaces them
before its Markdown is read (everywhere in the text, code blocks too). Their generators'
``expand_markup`` call these.

- Hugo's embedded shortcodes (``gist``, ``youtube``, ``vimeo``, ``x``/``tweet``) become the
  address Medium embeds from, ``figure`` an image, a bare ``ref``/``relref`` the published URL
  as a link; the comment form ``{{</* name */>}}`` is the shortcode as text, as on the site; any
  other shortcode's tags are left out (a paired one keeps what it wraps).
- Jekyll's ``{% gist %}`` (jekyll-gist) becomes the gist's address, a bare ``{% post_url %}`` or
  ``{% link %}`` the published URL; any other tag is left out (``{% raw %}`` keeps what it wraps).

Each replacement stays on its line, so the story's blocks keep their source lines.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

Resolve = Callable[[str], "str | None"]
"""A generator reference (``{{< ref "x.md" >}}``, ``{% post_url x %}``) to its published URL."""

_HUGO = re.compile(r"\{\{(?P<open>[<%])\s{0,20}(?P<comment>/\*)?(?P<body>[^\n]{0,500}?)(?(comment)\*/)\s{0,20}[>%]\}\}")
_JEKYLL = re.compile(r"\{%-?\s{0,20}(?P<name>\w{1,40})(?P<arguments>[^\n%]{0,500}?)\s{0,20}-?%\}")
_EMBEDS = {
    "gist": ("https://gist.github.com/{0}/{1}", ("user", "id")),
    "youtube": ("https://www.youtube.com/watch?v={0}", ("id",)),
    "vimeo": ("https://vimeo.com/{0}", ("id",)),
    "x": ("https://x.com/{0}/status/{1}", ("user", "id")),
    "tweet": ("https://twitter.com/{0}/status/{1}", ("user", "id")),
}


def expand_hugo(text: str, resolve: Resolve) -> str:
    """``text`` with Hugo's shortcodes replaced by what they stand for."""
    return _HUGO.sub(lambda found: _hugo(found, resolve), text)


def expand_jekyll(text: str, resolve: Resolve) -> str:
    """``text`` with Jekyll's Liquid tags replaced by what they stand for."""
    return _JEKYLL.sub(lambda found: _jekyll(found, resolve), text)


def _hugo(found: re.Match[str], resolve: Resolve) -> str:
    if found.group("comment"):  # {{</* x */>}} shows as {{< x >}}
        return "{{" + found.group("open") + " " + found.group("body").strip() + " " + _closer(found) + "}}"
    words = _split(found.group("body"))
    if not words or words[0].startswith("/"):
        return ""  # a paired shortcode's closing tag
    name, positional, named = words[0], [w for w in words[1:] if "=" not in w], _named(words[1:])
    if name in _EMBEDS:
        pattern, keys = _EMBEDS[name]
        values = [named.get(key) or (positional[i] if i < len(positional) else "") for i, key in enumerate(keys)]
        return pattern.format(*values) if all(values) else ""
    if name == "figure":
        source = named.get("src") or ""
        caption = named.get("caption") or named.get("title") or ""
        image = f"![{named.get('alt') or caption}]({source})" if source else ""
        return f"{image} {caption}".strip()
    if name in ("ref", "relref"):
        url = resolve(found.group(0))
        return f"<{url}>" if url else ""
    return ""


def _closer(found: re.Match[str]) -> str:
    return ">" if found.group("open") == "<" else "%"


def _jekyll(found: re.Match[str], resolve: Resolve) -> str:
    name, arguments = found.group("name"), _split(found.group("arguments"))
    if name == "gist" and arguments:
        return f"https://gist.github.com/{arguments[0]}"
    if name in ("post_url", "link"):
        url = resolve(found.group(0))
        return f"<{url}>" if url else ""
    return ""


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unclosed quote
        return text.split()


def _named(words: list[str]) -> dict[str, str]:
    return dict(word.split("=", 1) for word in words if "=" in word)

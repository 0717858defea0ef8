"""HTML as text: what raw HTML shows, escaped once, and what never shows (comments, scripts,
styles). Each function is one pass over its input."""

from __future__ import annotations

import re

_SILENT_OPENER = re.compile(r"<!--|<(script|style)\b", re.IGNORECASE)


def without_silent_html(html: str) -> str:
    """``html`` without its comments, scripts and styles, which show nothing (an unclosed one hides
    the rest, as in a browser). One pass: each closer is looked for once, from its opener."""
    kept, position, lowered = [], 0, html.lower()
    while True:  # each turn ends past a closer, or returns
        opener = _SILENT_OPENER.search(html, position)
        if opener is None:
            break
        kept.append(html[position : opener.start()])
        closer = "-->" if opener.group(1) is None else f"</{opener.group(1).lower()}"
        end = lowered.find(closer, opener.end())
        if end < 0:
            return "".join(kept)
        position = lowered.find(">", end) + 1 if closer != "-->" else end + 3
        if position == 0:
            return "".join(kept)
    kept.append(html[position:])
    return "".join(kept)


CODE_BLOCK = re.compile(r"^\s*(?:<div\b[^>]*>\s*)?<pre\b", re.IGNORECASE)


_BLOCK_TAG = re.compile(r"</?(?:p|li|h[1-6]|pre|blockquote|div|tr|td|th|dt|dd|br|hr)\b[^<>]*>", re.IGNORECASE)


def plain_text(html: str, spaced: bool = True) -> str:
    """The text an HTML fragment shows (``spaced``: a space where a block begins or ends)."""
    import html as entities

    return entities.unescape(re.sub(r"<[^<>]*>", "", _BLOCK_TAG.sub(" ", html) if spaced else html))


def html_escape(text: str) -> str:
    import html as entities

    return entities.escape(text, quote=False)

"""The writer's language: a BCP 47 tag reduced to its primary language (``pt-BR`` -> ``pt``).

A draft's language is the first of: its front matter ``lang``, ``language`` or ``locale``; the
configured ``language``; the site's (each generator says which of its settings name it:
:meth:`medlint.generators.base.Generator.language`); else none is known.
"""

from __future__ import annotations

import re
from typing import Any

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
FRONT_MATTER_KEYS = ("lang", "language", "locale")


def primary(tag: Any) -> str | None:
    """``"pt-BR"`` -> ``"pt"``; ``None`` for anything that is not a language tag."""
    if not isinstance(tag, str):
        return None
    match = _TAG.match(tag.strip())
    return match.group(1).lower() if match else None


def of_front_matter(meta: dict[str, Any]) -> str | None:
    for key in FRONT_MATTER_KEYS:
        found = primary(meta.get(key))
        if found:
            return found
    return None

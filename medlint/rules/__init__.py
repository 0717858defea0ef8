"""The rule registry: every rule family module, listed once."""

from __future__ import annotations

from medlint.rules import (
    anchor_text,
    duplicates,
    files,
    import_page,
    link_counts,
    link_targets,
    medium,
    metadata,
)
from medlint.rules.base import Rule, rules_in

FAMILIES = (anchor_text, link_counts, link_targets, duplicates, medium, metadata, import_page, files)

RULES: dict[str, Rule] = {found.code: found for family in FAMILIES for found in rules_in(family)}
RULES = dict(sorted(RULES.items()))
BY_NAME: dict[str, Rule] = {found.name: found for found in RULES.values()}


def lookup(key: str) -> Rule | None:
    """A rule by code (``ML101``) or name (``generic-anchor-text``)."""
    return RULES.get(key.upper()) or BY_NAME.get(key.lower())


def matching(selector: str) -> list[Rule]:
    """Rules a ``--select``/``--ignore`` entry names: a code, a code prefix or a rule name."""
    key = selector.strip()
    found = lookup(key)
    if found:
        return [found]
    upper = key.upper()
    if (upper.startswith("ML") and upper[2:].isdigit()) or upper == "ML":
        return [candidate for code, candidate in RULES.items() if code.startswith(upper)]
    return []

"""Typed options: a frozen dataclass whose fields carry their default and their documentation.

Rules and the duplicate comparison declare their options this way, once; validation, ``medlint
rules`` and the generated rule pages all read the same fields.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field, fields, replace
from typing import Any


class OptionError(Exception):
    """A bad option value; the message names where it was set."""


@dataclass(frozen=True)
class OptionDoc:
    name: str
    default: Any
    doc: str


def option(default: Any, doc: str) -> Any:
    """A dataclass field with its default and the sentence that documents it (why that default)."""
    return field(default=default, metadata={"doc": doc})


def option_docs(options_type: type) -> list[OptionDoc]:
    default = options_type()
    return [OptionDoc(item.name, getattr(default, item.name), item.metadata.get("doc", "")) for item in fields(default)]


def build_options(options_type: type, values: dict[str, Any], where: str, base: Any = None) -> Any:
    """``values`` checked against ``options_type``'s fields and types, on top of ``base`` (default:
    the type's defaults)."""
    hints = typing.get_type_hints(options_type)
    known = {item.name for item in fields(options_type)}
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            listing = ", ".join(sorted(known)) or "none"
            raise OptionError(f"{where}: unknown option '{name}' (options: {listing})")
        checked[name] = _typed(hints[name], value, f"{where}.{name}")
    return replace(base if base is not None else options_type(), **checked)


def _typed(hint: Any, value: Any, where: str) -> Any:
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise OptionError(f"{where}: expected true or false, not {value!r}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise OptionError(f"{where}: expected a whole number of 0 or more, not {value!r}")
    if hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return float(value)
        raise OptionError(f"{where}: expected a number of 0 or more, not {value!r}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise OptionError(f"{where}: expected text, not {value!r}")
    origin = typing.get_origin(hint)
    if origin is tuple:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        raise OptionError(f"{where}: expected a list of strings, not {value!r}")
    if origin is dict:
        _, item_hint = typing.get_args(hint)
        if isinstance(value, dict) and all(isinstance(key, str) for key in value):
            return {key: _typed(item_hint, item, f"{where}.{key}") for key, item in value.items()}
        raise OptionError(f"{where}: expected a mapping, not {value!r}")
    if origin in (typing.Union, types.UnionType):
        kinds = typing.get_args(hint)
        for kind in kinds:
            try:
                return _typed(kind, value, where)
            except OptionError:
                continue
        names = " or ".join(_describe(kind) for kind in kinds)
        raise OptionError(f"{where}: expected {names}, not {value!r}")
    raise OptionError(f"{where}: unsupported option type {hint!r}")  # pragma: no cover - a rule author's mistake


def _describe(hint: Any) -> str:
    return {tuple: "a list of strings", dict: "a mapping"}.get(
        typing.get_origin(hint), getattr(hint, "__name__", str(hint))
    )

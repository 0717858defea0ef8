"""The one YAML, TOML (and JSON) reader, for front matter, configuration files and generator settings.

Errors come back as :class:`DataError` with the 1-based line the parser blames, so each caller
can report them its own way (ML902 for front matter, exit 2 for configuration).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_TOML_LINE = re.compile(r"line (\d+)")

MAX_ALIASES = 100
"""YAML alias uses (``*name``) a text may hold: real front matter and settings use a handful."""
MAX_EXPANDED_SIZE = 1_000_000
"""Characters a YAML text may reach with every alias expanded: nine levels of nine aliases make
a 500-byte text into billions of values (a "billion laughs"), which no reader should build."""


class DataError(Exception):
    """Text that does not parse: the format (``YAML``, ``TOML``), the parser's complaint, and the
    1-based line within the text that it blames."""

    def __init__(self, kind: str, problem: str, line: int = 1) -> None:
        super().__init__(f"invalid {kind}: {problem}")
        self.kind = kind
        self.problem = problem
        self.line = line


def load_yaml(text: str, *, mkdocs_tags: bool = False) -> Any:
    """Parse YAML safely. With ``mkdocs_tags``, MkDocs' ``!ENV`` is read from the environment and
    every other tag (``!!python/name:``, ``!!python/object/apply:``, ``!relative``) is kept as
    :class:`Tagged` data: nothing is imported, called or constructed."""
    import yaml

    try:
        if "*" in text:  # no alias without an asterisk: the common case costs nothing
            _check_aliases(text)
        return yaml.load(text, Loader=_mkdocs_loader() if mkdocs_tags else _safe_loader())
    except yaml.MarkedYAMLError as exc:
        # "while parsing a flow sequence" marks where the unclosed construct began: the line to fix
        mark = exc.context_mark or exc.problem_mark
        problem = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise DataError("YAML", problem, mark.line + 1 if mark else 1) from None
    except yaml.YAMLError as exc:
        raise DataError("YAML", str(exc)) from None
    except RecursionError:
        raise DataError("YAML", "nested too deeply") from None


def _check_aliases(text: str) -> None:
    """Refuse YAML whose aliases are too many or expand too far, from its event stream, before
    anything is built: each anchored node's expanded size is known when it ends, and each alias
    adds the size of the node it names."""
    import yaml

    sizes: dict[str, int] = {}
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, expanded size so far)
    aliases = expanded = 0
    for event in yaml.parse(text, Loader=_safe_loader()):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            open_nodes.append((event.anchor, 2))
            expanded += 2
            continue
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise DataError("YAML", f"more than {MAX_ALIASES} aliases (*name)", _line_of(event))
            size = sizes.get(event.anchor or "", 1)
            expanded += size
        elif isinstance(event, yaml.ScalarEvent):
            size = len(event.value) + 1
            expanded += size
            if event.anchor:
                sizes[event.anchor] = size
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = open_nodes.pop()
            if anchor:
                sizes[anchor] = size
        else:
            continue
        if open_nodes:
            anchor, inner = open_nodes[-1]
            open_nodes[-1] = (anchor, inner + size)
        if expanded > MAX_EXPANDED_SIZE:
            raise DataError("YAML", f"its aliases expand it past {MAX_EXPANDED_SIZE:,} characters", _line_of(event))


def _line_of(event: Any) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def load_json(text: str) -> Any:
    """Parse JSON (Eleventy's ``---json`` front matter); a nesting too deep is an error too."""
    import json

    try:
        return json.loads(text)
    except ValueError as exc:
        raise DataError(
            "JSON", exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc), getattr(exc, "lineno", 1)
        ) from None
    except RecursionError:
        raise DataError("JSON", "nested too deeply") from None


def load_toml(text: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        found = _TOML_LINE.search(reason)
        line = int(found.group(1)) if found else text.count("\n") + 1 if "end of document" in reason else 1
        raise DataError("TOML", reason, line) from None
    except RecursionError:
        raise DataError("TOML", "nested too deeply") from None


def load_file(path: Path, *, mkdocs_tags: bool = False) -> Any:
    """A YAML, TOML or JSON settings file (by its ``.toml`` or ``.json`` suffix; YAML otherwise),
    parsed. A file that cannot be read or parsed is a :class:`FileError` whose message names the
    file and the problem."""
    from medlint.files import read_regular

    try:
        data = read_regular(path, MAX_SETTINGS_SIZE)
        if len(data) > MAX_SETTINGS_SIZE:
            raise FileError(f"{path}: over {MAX_SETTINGS_SIZE:,} bytes: not a settings file")
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FileError(f"{path}: cannot read: {exc}") from None
    if path.suffix == ".json":
        import json

        try:
            return json.loads(text)
        except ValueError as exc:
            raise FileError(f"{path}: invalid JSON: {exc}") from None
    try:
        return load_toml(text) if path.suffix == ".toml" else load_yaml(text, mkdocs_tags=mkdocs_tags)
    except DataError as exc:
        raise FileError(f"{path}: line {exc.line}: {exc}") from None


MAX_SETTINGS_SIZE = 10_000_000
"""Bytes: a settings file (``.medlint.yml``, ``mkdocs.yml``, ``hugo.toml``) is a few kilobytes."""


class FileError(Exception):
    """A settings file that cannot be read or parsed; the message names it."""


class ImpossibleDate(str):
    """A YAML value written as a date that names no day (``2030-31-12``: month 31), kept as the
    text it is: one bad page then costs a finding or a notice, not the run. YAML's own reader
    stops on it; every generator reads the page's other keys, or refuses it."""

    problem: str = ""
    consequence = "medlint reads the page as if it had none; a generator may refuse it (Jekyll stops the build on one)"


def _timestamp(loader: Any, node: Any) -> Any:
    """YAML's date and datetime, or an :class:`ImpossibleDate` when the numbers name no day."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:
        kept = ImpossibleDate(loader.construct_scalar(node))
        kept.problem = str(exc)
        return kept


@lru_cache(maxsize=1)
def _safe_loader() -> type:
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    return Loader


@dataclass(frozen=True)
class Tagged:
    """A YAML value under a tag medlint does not construct (``!!python/name:x.y``,
    ``!!python/object/apply:f``, ``!relative``): the tag and the node's data as written, so a
    setting can be recognised by name (a known slugify function) and nothing is ever imported or
    called. A setting medlint needs as text that holds one is a configuration error."""

    tag: str
    value: Any = None

    def __str__(self) -> str:
        return f"{self.tag} {self.value}" if self.value not in (None, "") else self.tag

    @property
    def python_name(self) -> str | None:
        """``x.y`` for ``!!python/name:x.y`` and ``!!python/object/apply:x.y``, else ``None``."""
        for prefix in ("tag:yaml.org,2002:python/name:", "tag:yaml.org,2002:python/object/apply:"):
            if self.tag.startswith(prefix):
                return self.tag[len(prefix) :]
        return None


@lru_cache(maxsize=1)
def _mkdocs_loader() -> type:

    class Loader(_safe_loader()):  # type: ignore[misc]
        pass

    Loader.add_multi_constructor("", _inert)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", _inert)
    Loader.add_constructor("!ENV", _environment_value)
    return Loader


def _inert(loader: Any, suffix: str, node: Any) -> Tagged:
    """Any tag but ``!ENV``: its data as plain YAML (scalars, lists, mappings), under the tag."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        value: Any = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged(node.tag, value)


def _environment_value(loader: Any, node: Any) -> Any:
    """MkDocs' ``!ENV NAME`` and ``!ENV [NAME, OTHER, default]``: the first variable that is set,
    else the last item as the default (when it is not a variable's name given alone)."""
    import yaml

    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None

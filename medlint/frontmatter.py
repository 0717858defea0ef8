"""Split and parse YAML (``---``) or TOML (``+++``) front matter, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_KEY = {"yaml": re.compile(r"^([A-Za-z_][\w-]*)\s*:"), "toml": re.compile(r"^([A-Za-z_][\w-]*)\s*=")}
_FENCES = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}
_TOML_LINE = re.compile(r"line (\d+)")


@dataclass(slots=True)
class FrontMatter:
    """The document's front matter; ``end_line`` is its closing fence (0 when there is none)."""

    data: dict[str, Any] = field(default_factory=dict)
    format: str | None = None
    end_line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)
    #: (message, 1-based line in the file) when the front matter does not parse
    error: tuple[str, int] | None = None

    def line_of(self, key: str, default: int = 1) -> int:
        return self.key_lines.get(key, default)


def split_front_matter(lines: list[str]) -> FrontMatter:
    """Read front matter from the first lines of a file; lines are 0-based here, 1-based in results."""
    if not lines:
        return FrontMatter()
    opener = lines[0].rstrip()
    if opener not in _FENCES:
        return FrontMatter()
    fmt, closers = _FENCES[opener]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            break
    else:
        if fmt == "yaml" and not _looks_like_yaml(lines[1:4]):
            return FrontMatter()  # a thematic break at the top of the page, not front matter
        return FrontMatter(
            format=fmt, end_line=0, error=(f"{fmt.upper()} front matter opened on line 1 is never closed", 1)
        )
    raw = lines[1:index]
    key_pattern = _KEY[fmt]
    key_lines: dict[str, int] = {}
    for offset, line in enumerate(raw):
        match = key_pattern.match(line)
        if match:
            key_lines.setdefault(match.group(1), offset + 2)
    front = FrontMatter(format=fmt, end_line=index + 1, key_lines=key_lines)
    text = "\n".join(raw)
    if not text.strip():
        return front
    try:
        data = _parse_yaml(text) if fmt == "yaml" else _parse_toml(text)
    except _FrontMatterError as exc:
        front.error = (exc.message, exc.line + 1)  # +1 for the opening fence
        return front
    if data is None:
        return front
    if not isinstance(data, dict):
        front.error = (f"{fmt.upper()} front matter is a {type(data).__name__}, not a mapping of keys", 2)
        return front
    front.data = data
    return front


def _looks_like_yaml(lines: list[str]) -> bool:
    return any(_KEY["yaml"].match(line) for line in lines)


class _FrontMatterError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _parse_yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        # "while parsing a flow sequence" marks where the unclosed construct began: the line to fix
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else 1
        problem = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        return _raise(f"invalid YAML front matter: {problem}", line)
    except yaml.YAMLError as exc:
        return _raise(f"invalid YAML front matter: {exc}", 1)
    except RecursionError:
        return _raise("invalid YAML front matter: nested too deeply", 1)


def _parse_toml(text: str) -> Any:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else text.count("\n") + 1 if "end of document" in str(exc) else 1
        reason = str(exc).replace("at end of document", "at the end of the front matter")
        return _raise(f"invalid TOML front matter: {reason}", line)
    except RecursionError:
        return _raise("invalid TOML front matter: nested too deeply", 1)


def _raise(message: str, line: int) -> Any:
    raise _FrontMatterError(message, line)

"""Split and parse YAML (``---``), TOML (``+++``) or JSON (``---json``, Eleventy's) front matter,
keeping line numbers. JavaScript front matter (``---js``, Eleventy's) is code: it is split off and
never run, so its values are not known (``format`` ``"js"``, no data)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from medlint.findings import Edit

_KEY = {
    "yaml": re.compile(r"^([A-Za-z_][\w-]*)\s*:"),
    "toml": re.compile(r"^([A-Za-z_][\w-]*)\s*="),
    "json": re.compile(r'^\s*"([A-Za-z_][\w-]*)"\s*:'),
    "js": re.compile(r"^\s*(?:export\s+(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*[:=]"),
}
_FENCES = {
    "---": ("yaml", ("---", "...")),
    "+++": ("toml", ("+++",)),
    "---json": ("json", ("---",)),
    "---js": ("js", ("---",)),
    "---javascript": ("js", ("---",)),
}


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

    def text(self, key: str) -> str | None:
        """A value as stripped text when it is a scalar (text, number, date), else ``None``: a
        list or mapping is data to look into, never to turn whole into a string."""
        return scalar_text(self.data.get(key)) or None

    def insertion(self, key: str, value: str) -> Edit | None:
        """The edit that adds ``key: value`` in this front matter's own format (YAML or TOML), or
        adds YAML front matter holding it when there is none; ``None`` when the front matter is
        broken (no edit can be trusted there)."""
        if self.error is not None or self.format in ("json", "js"):
            return None
        if self.format is None:
            return Edit(1, 1, 1, 1, f"---\n{key}: {_yaml_scalar(value)}\n---\n")
        entry = f"{key} = {_quoted(value)}" if self.format == "toml" else f"{key}: {_yaml_scalar(value)}"
        return Edit(self.end_line, 1, self.end_line, 1, entry + "\n")


_PLAIN_YAML = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:/?#\[\]@!$&'()*+,;=%._~-]*$")


def _yaml_scalar(value: str) -> str:
    """``value`` as written by hand when YAML reads it back unchanged, else double-quoted."""
    return value if _PLAIN_YAML.match(value) and " #" not in value and ": " not in value else _quoted(value)


def _quoted(value: str) -> str:
    """``value`` as a double-quoted string, which YAML and TOML read alike (a fix writes it; json is
    imported only then)."""
    import json

    return json.dumps(value)


def scalar_text(value: Any) -> str:
    """Text of a scalar front matter value (``""`` for a list, a mapping or null)."""
    if value is None or isinstance(value, (list, dict, bool)):
        return ""
    return str(value).strip()


DEFAULT_MAX_FRONT_MATTER_SIZE = 65_536
"""Characters. Real front matter is a few hundred; a limit keeps a hostile one cheap to refuse."""


def split_front_matter(lines: list[str], max_size: int = DEFAULT_MAX_FRONT_MATTER_SIZE) -> FrontMatter:
    """Read front matter from the first lines of a file; lines are 0-based here, 1-based in results.
    Front matter over ``max_size`` characters is an error, not parsed."""
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
    if len(text) > max_size:
        front.error = (
            f"front matter is {len(text):,} characters, over the {max_size:,} limit (max_front_matter_size)",
            1,
        )
        return front
    if not text.strip() or fmt == "js":
        return front
    try:
        data = _parse(text, fmt)
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


def _parse(text: str, fmt: str) -> Any:
    from medlint.loaders import DataError, load_json, load_toml, load_yaml

    try:
        return load_yaml(text) if fmt == "yaml" else load_toml(text) if fmt == "toml" else load_json(text)
    except DataError as exc:
        problem = exc.problem.replace("at end of document", "at the end of the front matter")
        raise _FrontMatterError(f"invalid {exc.kind} front matter: {problem}", exc.line) from None


class _FrontMatterError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

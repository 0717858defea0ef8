"""Load and validate configuration: ``.medlint.yml``, ``[tool.medlint]`` or the MkDocs plugin block.

Every front end builds its :class:`Config` here, so a bad key or value gives the same clear error
(a :class:`ConfigError` naming the key) whichever way medlint is run.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from medlint.document import DEFAULT_MAX_FILE_SIZE
from medlint.findings import Severity

CONFIG_FILES = (".medlint.yml", ".medlint.yaml")
KEYS = ("site", "site_url", "drafts", "rules", "exclude", "max_file_size", "cache")
OFF_WORDS = ("off", "false", "disable", "disabled")


class ConfigError(Exception):
    """Bad configuration; the message names the file and key."""


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool = True
    severity: Severity | None = None
    options: Any = None


@dataclass
class Config:
    root: Path
    source: str | None = None
    site: Path | None = None
    site_url: str | None = None
    drafts: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    cache: bool = True
    rules: dict[str, RuleSetting] = field(default_factory=dict)

    def setting(self, code: str) -> RuleSetting:
        return self.rules.get(code) or RuleSetting()

    def options_for(self, code: str) -> Any:
        from medlint.rules import RULES

        return self.setting(code).options or RULES[code].options()

    def severity_for(self, code: str) -> Severity:
        from medlint.rules import RULES

        return self.setting(code).severity or RULES[code].severity


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration in ``start`` or a folder above it, with its raw settings."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                return candidate, _read_yaml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("medlint")
            if table is not None:
                return pyproject, _mapping(table, f"{pyproject}: [tool.medlint]")
        mkdocs_yml = folder / "mkdocs.yml"
        if mkdocs_yml.is_file():
            block = mkdocs_plugin_block(mkdocs_yml)
            if block is not None:
                return mkdocs_yml, block
    return None


def mkdocs_plugin_block(mkdocs_yml: Path) -> dict[str, Any] | None:
    """The ``medlint`` entry of ``plugins:`` in ``mkdocs.yml``, without MkDocs-only keys."""
    from medlint.site import SiteError, load_mkdocs_yml

    try:
        plugins = load_mkdocs_yml(mkdocs_yml).get("plugins") or []
    except SiteError as exc:
        raise ConfigError(str(exc)) from None
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((next(iter(p.items())) if isinstance(p, dict) else (p, {})) for p in plugins)
    )
    for name, settings in entries:
        if name == "medlint":
            block = dict(settings or {})
            for plugin_only in ("check", "enabled"):
                block.pop(plugin_only, None)
            return block
    return None


def load_config(cwd: Path, explicit: Path | None = None) -> Config:
    """The configuration a run in ``cwd`` uses; ``explicit`` is ``--config FILE``."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        found: tuple[Path, dict[str, Any]] | None = (explicit, _read_explicit(explicit))
    else:
        found = find_config(cwd.resolve())
    if found is None:
        config = Config(root=cwd.resolve())
    else:
        path, raw = found
        config = parse_config(raw, path.parent.resolve(), str(path))
    if config.site is None:
        for folder in dict.fromkeys((config.root, cwd.resolve())):
            if (folder / "mkdocs.yml").is_file():
                config.site = folder
                break
    if not config.drafts and (config.root / "drafts").is_dir():
        config.drafts = (config.root / "drafts",)
    return config


def parse_config(raw: dict[str, Any], root: Path, source: str) -> Config:
    unknown = [key for key in raw if key not in KEYS]
    if unknown:
        raise ConfigError(f"{source}: unknown key '{unknown[0]}' (known keys: {', '.join(KEYS)})")
    config = Config(root=root, source=source)
    if raw.get("site") is not None:
        config.site = root / _string(raw["site"], source, "site")
    if raw.get("site_url") is not None:
        config.site_url = _site_url(raw["site_url"], f"{source}: site_url")
    if raw.get("drafts") is not None:
        config.drafts = tuple(root / item for item in _strings(raw["drafts"], source, "drafts"))
    if raw.get("exclude") is not None:
        config.exclude = tuple(_strings(raw["exclude"], source, "exclude"))
    if raw.get("max_file_size") is not None:
        size = raw["max_file_size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{source}: max_file_size must be a positive number of bytes, not {size!r}")
        config.max_file_size = size
    if raw.get("cache") is not None:
        if not isinstance(raw["cache"], bool):
            raise ConfigError(f"{source}: cache must be true or false, not {raw['cache']!r}")
        config.cache = raw["cache"]
    if raw.get("rules") is not None:
        config.rules = parse_rules(raw["rules"], source)
    return config


def parse_rules(raw: Any, source: str) -> dict[str, RuleSetting]:
    from medlint.rules import lookup

    settings: dict[str, RuleSetting] = {}
    for key, value in _mapping(raw, f"{source}: rules").items():
        found = lookup(str(key))
        if found is None:
            raise ConfigError(f"{source}: rules: unknown rule '{key}' (see `medlint rules`)")
        settings[found.code] = rule_setting(found.options, value, f"{source}: rules.{key}")
    return settings


def rule_setting(options_type: type, value: Any, where: str) -> RuleSetting:
    """``off``/``false``, a severity, ``true``, or a mapping of ``severity`` and options."""
    if value is False or (isinstance(value, str) and value.lower() in OFF_WORDS):
        return RuleSetting(enabled=False)
    if value is True or value is None:
        return RuleSetting()
    if isinstance(value, str):
        return RuleSetting(severity=_severity(value, where))
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected off, a severity or a mapping of options, not {value!r}")
    options = dict(value)
    severity = _severity(options.pop("severity"), f"{where}.severity") if "severity" in options else None
    return RuleSetting(severity=severity, options=build_options(options_type, options, where))


def build_options(options_type: type, values: dict[str, Any], where: str) -> Any:
    hints = typing.get_type_hints(options_type)
    known = {item.name for item in fields(options_type)}
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            listing = ", ".join(sorted(known)) or "none"
            raise ConfigError(f"{where}: unknown option '{name}' (options: {listing})")
        checked[name] = _typed(hints[name], value, f"{where}.{name}")
    return replace(options_type(), **checked)


def _typed(hint: Any, value: Any, where: str) -> Any:
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{where}: expected true or false, not {value!r}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise ConfigError(f"{where}: expected a whole number of 0 or more, not {value!r}")
    if hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return float(value)
        raise ConfigError(f"{where}: expected a number of 0 or more, not {value!r}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise ConfigError(f"{where}: expected text, not {value!r}")
    if typing.get_origin(hint) is tuple:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        raise ConfigError(f"{where}: expected a list of strings, not {value!r}")
    raise ConfigError(f"{where}: unsupported option type {hint!r}")  # pragma: no cover - a rule author's mistake


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"{where}: severity must be error, warning or info, not {value!r}") from None


def _site_url(value: Any, where: str) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if not text.lower().startswith(("http://", "https://")) or "://" not in text or len(text.split("://", 1)[1]) == 0:
        raise ConfigError(f"{where}: expected an absolute http(s) URL, not {value!r}")
    return text


def site_url_option(value: str) -> str:
    """Validate ``--site-url``."""
    return _site_url(value, "--site-url")


def _string(value: Any, source: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{source}: {key} must be a path, not {value!r}")
    return value


def _strings(value: Any, source: str, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ConfigError(f"{source}: {key} must be a path or a list of paths, not {value!r}")


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, not {type(value).__name__}")
    return value


def _read_explicit(path: Path) -> dict[str, Any]:
    if path.name == "pyproject.toml":
        return _mapping(_read_toml(path).get("tool", {}).get("medlint"), f"{path}: [tool.medlint]")
    if path.name == "mkdocs.yml":
        return mkdocs_plugin_block(path) or {}
    return _read_yaml(path)


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}".replace("\n", " ")) from None
    return _mapping(data, str(path))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None

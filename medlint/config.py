"""Load and validate configuration: ``.medlint.yml``, ``[tool.medlint]`` or the MkDocs plugin block.

Every front end builds its :class:`Config` here, so a bad key or value gives the same clear error
(a :class:`ConfigError` naming the key) whichever way medlint is run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.document import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FRONT_MATTER_SIZE
from medlint.files import Boundary
from medlint.findings import Severity
from medlint.language import primary
from medlint.loaders import FileError, load_file
from medlint.options import OptionError, build_options
from medlint.similarity.settings import LEGACY_RULE_OPTIONS, SimilaritySettings

if TYPE_CHECKING:
    from medlint.rules.base import Rule

CONFIG_FILES = (".medlint.yml", ".medlint.yaml")
KEYS = (
    "site",
    "site_url",
    "drafts",
    "language",
    "rules",
    "duplicates",
    "exclude",
    "max_file_size",
    "max_front_matter_size",
    "follow_outside",
    "generator",
    "cache",
    "targets",
)
MAX_SIZE_SETTING = 1_000_000_000
"""Bytes: the most ``max_file_size`` or ``max_front_matter_size`` may be set to."""
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
    max_front_matter_size: int = DEFAULT_MAX_FRONT_MATTER_SIZE
    #: read symbolic links and configured folders that lead outside the project
    follow_outside: bool = False
    #: the site's generator (``auto``: found from its settings file)
    generator: str = "auto"
    cache: bool = True
    #: the platforms drafts go to (``targets``, ``--target``): see :mod:`medlint.targets`
    targets: tuple[str, ...] = ("medium",)
    #: the writers' language when a draft names none (a primary language subtag)
    language: str | None = None
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    duplicates: SimilaritySettings = field(default_factory=SimilaritySettings)

    @property
    def boundary(self) -> Boundary:
        """The project: the configuration's folder (the current one when there is none)."""
        return Boundary.of(self.root, follow_outside=self.follow_outside)

    def check_inside(self) -> None:
        """Refuse a configured site or drafts folder that leads outside the project (through
        ``..``, an absolute path or a symbolic link), unless ``follow_outside`` allows it."""
        named = [("site", self.site)] if self.site is not None else []
        for key, folder in [*named, *(("drafts", folder) for folder in self.drafts)]:
            if not self.boundary.contains(folder):
                raise ConfigError(
                    f"{self.source or 'configuration'}: {key}: {folder} leads outside the project folder "
                    f"{self.root}; set follow_outside: true (or --follow-outside) to read it"
                )

    def setting(self, code: str) -> RuleSetting:
        return self.rules.get(code) or RuleSetting()

    def options_for(self, rule: Rule) -> Any:
        return self.setting(rule.code).options or rule.options()

    def severity_for(self, rule: Rule) -> Severity:
        return self.setting(rule.code).severity or rule.severity


def find_config(start: Path, follow_outside: bool = False) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration in ``start`` or a folder above it, with its raw settings."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                return candidate, _mapping(_read(candidate), str(candidate))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("medlint")
            if table is not None:
                return pyproject, _mapping(table, f"{pyproject}: [tool.medlint]")
        for settings_file in _site_files_with_settings(folder):
            block = settings_in_site_file(settings_file, follow_outside)
            if block is not None:
                return settings_file, block
    return None


def _site_files_with_settings(folder: Path) -> list[Path]:
    """The generators' settings files in ``folder`` that may hold medlint's settings (a plugin
    block), looked for after ``.medlint.yml`` and ``pyproject.toml``."""
    from medlint.generators import shown_in

    names = [
        name for generator in shown_in(folder) if generator.holds_medlint_settings for name in generator.settings_files
    ]
    return [folder / name for name in dict.fromkeys(names) if (folder / name).is_file()]


def settings_in_site_file(path: Path, follow_outside: bool = False) -> dict[str, Any] | None:
    """medlint's settings inside a generator's own settings file (the ``medlint`` block of
    ``plugins:`` in ``mkdocs.yml``), when ``path`` is one that can hold them."""
    from medlint.generators import shown_in
    from medlint.site import SiteError

    for generator in shown_in(path.parent):
        if generator.holds_medlint_settings and path.name in generator.settings_files:
            try:
                found = generator.medlint_settings(path, Boundary.of(path.parent, follow_outside=follow_outside))
            except SiteError as exc:
                raise ConfigError(str(exc)) from None
            if found is not None:
                return found
    return None


def load_config(cwd: Path, explicit: Path | None = None, follow_outside: bool = False) -> Config:
    """The configuration a run in ``cwd`` uses; ``explicit`` is ``--config FILE``;
    ``follow_outside`` is ``--follow-outside``, which the configuration may also set."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        found: tuple[Path, dict[str, Any]] | None = (explicit, _read_explicit(explicit, follow_outside))
    else:
        try:
            found = find_config(cwd.resolve(), follow_outside)
        except OSError as exc:  # a folder on the way up that cannot be looked into
            raise ConfigError(f"cannot look for a configuration file: {exc.strerror or exc}: {exc.filename}") from None
    if found is None:
        config = Config(root=cwd.resolve())
    else:
        path, raw = found
        config = parse_config(raw, path.parent.resolve(), str(path))
    config.follow_outside = config.follow_outside or follow_outside
    if config.site is None:
        from medlint.generators import detect

        for folder in dict.fromkeys((config.root, cwd.resolve())):
            if detect(folder)[0].name != "folder":
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
    if raw.get("language") is not None:
        config.language = primary(raw["language"])
        if config.language is None:
            raise ConfigError(f"{source}: language must be a language tag such as en or pt-BR, not {raw['language']!r}")
    if raw.get("exclude") is not None:
        config.exclude = tuple(_strings(raw["exclude"], source, "exclude"))
    for key in ("max_file_size", "max_front_matter_size"):
        if raw.get(key) is not None:
            setattr(config, key, _size(raw[key], f"{source}: {key}"))
    if raw.get("targets") is not None:
        from medlint.targets import NAMES, unknown_names

        unknown = unknown_names(raw["targets"])
        if unknown is None or unknown:
            shown = ", ".join(unknown) if unknown else repr(raw["targets"])
            raise ConfigError(f"{source}: targets must be one or more of {', '.join(NAMES)}, not {shown}")
        config.targets = tuple(dict.fromkeys([raw["targets"]] if isinstance(raw["targets"], str) else raw["targets"]))
    if raw.get("generator") is not None:
        from medlint.generators import NAMES

        if raw["generator"] not in NAMES:
            raise ConfigError(f"{source}: generator must be one of {', '.join(NAMES)}, not {raw['generator']!r}")
        config.generator = raw["generator"]
    for key in ("cache", "follow_outside"):
        if raw.get(key) is not None:
            if not isinstance(raw[key], bool):
                raise ConfigError(f"{source}: {key} must be true or false, not {raw[key]!r}")
            setattr(config, key, raw[key])
    legacy: dict[str, Any] = {}
    if raw.get("rules") is not None:
        config.rules, legacy = parse_rules(raw["rules"], source)
    if raw.get("duplicates") is not None or legacy:
        values = {**legacy, **_mapping(raw.get("duplicates"), f"{source}: duplicates")}
        config.duplicates = _options(SimilaritySettings, values, f"{source}: duplicates")
    return config


def parse_rules(raw: Any, source: str) -> tuple[dict[str, RuleSetting], dict[str, Any]]:
    """Rule settings by code, and the duplicate thresholds still set in a rule's options (their old
    spelling, see :data:`~medlint.similarity.settings.LEGACY_RULE_OPTIONS`)."""
    from medlint.rules import lookup

    settings: dict[str, RuleSetting] = {}
    legacy: dict[str, Any] = {}
    for key, value in _mapping(raw, f"{source}: rules").items():
        found = lookup(str(key))
        if found is None:
            raise ConfigError(f"{source}: rules: unknown rule '{key}' (see `medlint rules`)")
        moved = LEGACY_RULE_OPTIONS.get(found.code, ())
        if isinstance(value, dict) and moved:
            value = dict(value)
            legacy.update({name: value.pop(name) for name in moved if name in value})
        settings[found.code] = rule_setting(found.options, value, f"{source}: rules.{key}")
    return settings, legacy


def with_severities(config: Config, severities: dict[str, str], source: str) -> Config:
    """``config`` with the severity (or ``off``) of rules set over their configured settings,
    their options kept: an editor's severity override. Raises :class:`ConfigError`."""
    from medlint.rules import lookup

    if not severities:
        return config
    rules = dict(config.rules)
    for key, value in severities.items():
        found = lookup(key)
        if found is None:
            raise ConfigError(f"{source}: unknown rule '{key}' (see `medlint rules`)")
        given = rule_setting(found.options, value, f"{source}.{key}")
        kept = rules.get(found.code, RuleSetting())
        rules[found.code] = replace(kept, enabled=given.enabled, severity=given.severity or kept.severity)
    return replace(config, rules=rules)


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
    return RuleSetting(severity=severity, options=_options(options_type, options, where))


def _options(options_type: type, values: dict[str, Any], where: str) -> Any:
    try:
        return build_options(options_type, values, where)
    except OptionError as exc:
        raise ConfigError(str(exc)) from None


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"{where}: severity must be error, warning or info, not {value!r}") from None


def _size(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_SIZE_SETTING:
        raise ConfigError(f"{where} must be a number of bytes from 1 to {MAX_SIZE_SETTING:,}, not {value!r}")
    return value


def _site_url(value: Any, where: str) -> str:
    from urllib.parse import urlsplit

    text = value.strip() if isinstance(value, str) else ""
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not _valid_port(parts):
        raise ConfigError(f"{where}: expected an absolute http(s) URL, not {value!r}")
    return text


def _valid_port(parts: Any) -> bool:
    try:
        parts.port  # noqa: B018 - a port out of range raises
    except ValueError:
        return False
    return True


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


def _read_explicit(path: Path, follow_outside: bool) -> dict[str, Any]:
    if path.name == "pyproject.toml":
        return _mapping(_read(path).get("tool", {}).get("medlint"), f"{path}: [tool.medlint]")
    if path in _site_files_with_settings(path.parent):
        return settings_in_site_file(path, follow_outside) or {}
    return _mapping(_read(path), str(path))


def _read(path: Path) -> Any:
    try:
        return load_file(path)
    except FileError as exc:
        raise ConfigError(str(exc)) from None

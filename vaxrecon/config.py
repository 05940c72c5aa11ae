"""Layered configuration: packaged defaults < user YAML file < explicit overrides (CLI flags)."""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from vaxrecon.errors import ConfigError
from vaxrecon.text import Phrase

USER_FILE_NAME = "vaxrecon.yaml"
ENV_VAR = "VAXRECON_CONFIG"
# Paths whose mapping values the user may add keys to, and whose lists extend the packaged ones.
_OPEN_MAPS = {("normalize", "gender_codes"), ("columns", "gender_subcolumns")}
_EXTEND_LISTS = ("columns", "aliases")


class Config(dict):
    """The effective configuration: a plain nested mapping plus where it came from."""

    sources: list[str]

    def digest(self) -> str:
        """A short hash identifying this configuration (recorded with every run)."""
        blob = json.dumps(self, sort_keys=True, ensure_ascii=False, default=str).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


@functools.cache
def _packaged() -> dict[str, Any]:
    return _parse(resources.files("vaxrecon").joinpath("defaults.yaml").read_text("utf-8"))


def packaged_defaults() -> dict[str, Any]:
    """The shipped defaults (parsed once; each caller gets its own copy)."""
    return copy.deepcopy(_packaged())


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = _parse(path.read_text("utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(key="err.config_missing", path=path) from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = Phrase("err.at_line", {"line": mark.line + 1}) if mark else ""
        raise ConfigError(key="err.config_yaml", path=path, where=where) from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(key="err.config_mapping", path=path)
    return data


def _type_name(value: Any) -> Phrase | str:
    kind = type(value).__name__
    return Phrase(f"cfg.type_{kind}") if kind in ("bool", "int", "float", "str", "list", "dict") else kind


def _merge(base: dict, over: dict, path: tuple[str, ...], source: str | Phrase) -> None:
    for key, value in over.items():
        here = (*path, str(key))
        dotted = ".".join(here)
        if key not in base:
            if path in _OPEN_MAPS or path[:2] == _EXTEND_LISTS:
                base[key] = value
                continue
            raise ConfigError(key="err.setting_unknown", setting=dotted, source=source)
        default = base[key]
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ConfigError(key="err.setting_mapping", setting=dotted, source=source)
            _merge(default, value, here, source)
            continue
        ok = isinstance(value, type(default)) and not (
            isinstance(value, bool) and not isinstance(default, bool)
        )
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if not ok:
            raise ConfigError(
                key="err.setting_type",
                setting=dotted,
                source=source,
                kind=_type_name(default),
                value=repr(value),
            )
        if path[:2] == _EXTEND_LISTS and isinstance(value, list):
            value = default + [v for v in value if v not in default]
        base[key] = value


def user_config_path(explicit: str | Path | None = None) -> Path | None:
    """The user file in force: --config, then $VAXRECON_CONFIG, then ./vaxrecon.yaml if present."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    local = Path.cwd() / USER_FILE_NAME
    return local if local.is_file() else None


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Build the effective configuration. ``overrides`` maps dotted keys to values (CLI flags)."""
    cfg = Config(packaged_defaults())
    cfg.sources = ["packaged defaults"]
    user = user_config_path(path)
    if user is not None:
        _merge(cfg, _read_yaml(user), (), str(user))
        cfg.sources.append(str(user))
    nested: dict[str, Any] = {}
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        node = nested
        *parents, leaf = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    if nested:
        _merge(cfg, copy.deepcopy(nested), (), Phrase("cfg.cli"))
        cfg.sources.append("command-line options")
    return cfg

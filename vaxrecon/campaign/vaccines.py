"""The dose rules (vaccines.yaml): packaged, overridable by a user file, and vaccine names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from vaxrecon.errors import ConfigError
from vaxrecon.normalize.text import header_key

_VACCINE_KEYS = {"aliases": list, "primary_doses": int, "min_interval_days": int}
_BOOSTER_KEYS = {"max": int, "min_interval_days": int, "next_min_interval_days": int}


@dataclass(frozen=True)
class Rules:
    """Vaccines (canonical name -> primary doses, minimum interval), aliases, booster rules."""

    rollout: dt.date
    primary: dict[str, int]
    min_interval: dict[str, int]
    aliases: dict[str, str]  # header_key(any written name) -> canonical name
    max_boosters: int
    booster_interval: int
    next_booster_interval: int
    source: str

    def canonical(self, written: pd.Series) -> pd.Series:
        """The canonical vaccine name of each written one; '' when unknown or blank."""
        codes, uniques = pd.factorize(written.fillna("").astype(str), sort=False)
        names = np.array(
            [self.aliases.get(header_key(u), "") if u.strip() else "" for u in uniques], dtype=object
        )
        return pd.Series(
            names[codes] if len(uniques) else np.array([""] * len(written), dtype=object),
            index=written.index,
            dtype=object,
        )


def _read(path: Path | str, packaged: bool) -> dict[str, Any]:
    try:
        text = (
            resources.files("vaxrecon.campaign").joinpath("vaccines.yaml").read_text("utf-8")
            if packaged
            else Path(path).read_text("utf-8")
        )
        data = yaml.safe_load(text) or {}
    except FileNotFoundError as e:
        raise ConfigError(key="err.vaccines_missing", path=path) from e
    except yaml.YAMLError as e:
        raise ConfigError(key="err.vaccines_yaml", path=path) from e
    if not isinstance(data, dict):
        raise ConfigError(key="err.vaccines_mapping", path=path)
    return data


def _check(data: dict[str, Any], source: str) -> None:
    unknown = set(data) - {"rollout_date", "boosters", "vaccines"}
    if unknown:
        raise ConfigError(key="err.vaccines_unknown", setting=sorted(unknown)[0], source=source)
    for name, spec in (data.get("vaccines") or {}).items():
        if not isinstance(spec, dict):
            raise ConfigError(key="err.vaccines_vaccine", name=name, source=source)
        for key, value in spec.items():
            want = _VACCINE_KEYS.get(key)
            if want is None:
                raise ConfigError(key="err.vaccines_unknown", setting=f"vaccines.{name}.{key}", source=source)
            if not isinstance(value, want) or isinstance(value, bool):
                raise ConfigError(
                    key="err.vaccines_list" if want is list else "err.vaccines_whole",
                    setting=f"vaccines.{name}.{key}",
                    source=source,
                )
    for key, value in (data.get("boosters") or {}).items():
        if key not in _BOOSTER_KEYS:
            raise ConfigError(key="err.vaccines_unknown", setting=f"boosters.{key}", source=source)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(key="err.vaccines_whole", setting=f"boosters.{key}", source=source)


def load_rules(user_file: str | Path | None = None) -> Rules:
    """The packaged rules, with a user file's keys over them (a vaccine given replaces that vaccine)."""
    data = _read("vaccines.yaml", packaged=True)
    source = "packaged vaccines.yaml"
    if user_file:
        user = _read(user_file, packaged=False)
        _check(user, str(user_file))
        data["vaccines"] = {**data["vaccines"], **(user.get("vaccines") or {})}
        data["boosters"] = {**data["boosters"], **(user.get("boosters") or {})}
        data["rollout_date"] = user.get("rollout_date", data["rollout_date"])
        source = str(user_file)
    _check(data, source)
    try:
        rollout = dt.date.fromisoformat(str(data["rollout_date"]))
    except ValueError as e:
        raise ConfigError(key="err.vaccines_rollout", source=source) from e
    aliases: dict[str, str] = {}
    for name, spec in data["vaccines"].items():
        missing = {"primary_doses", "min_interval_days"} - set(spec)
        if missing:
            raise ConfigError(key="err.vaccines_needs", name=name, source=source, setting=sorted(missing)[0])
        for written in [name, *spec.get("aliases", [])]:
            aliases[header_key(str(written))] = name
    b = data["boosters"]
    return Rules(
        rollout=rollout,
        primary={n: int(s["primary_doses"]) for n, s in data["vaccines"].items()},
        min_interval={n: int(s["min_interval_days"]) for n, s in data["vaccines"].items()},
        aliases=aliases,
        max_boosters=int(b["max"]),
        booster_interval=int(b["min_interval_days"]),
        next_booster_interval=int(b["next_min_interval_days"]),
        source=source,
    )

"""The result types every layer above the pipeline passes around: what a run found, per row and per list."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon import __version__
from vaxrecon.deadline import deadline_for
from vaxrecon.errors import InputError
from vaxrecon.ingest.lists import ListRead
from vaxrecon.reasons import Status

RESULT_COLUMNS = [
    "source",
    "sheet",
    "row",
    "status",
    "person_id",
    "match_probability",
    "reasons",
    "duplicate_of",
    "candidates",
    "listed_name",
    "listed_dob",
    "listed_gender",
    "listed_id",
    "name",
    "dob",
    "gender",
    "id_kind",
    "id_value",
    "nationality",
    "phone",
    "village",
    "dose",
    "registered_name",
    "registered_dob",
    "registered_gender",
    "registered_commune",
    "registered_village",
]


@dataclass
class VerifyResult:
    """The outcome of a run: one result row per data row read, plus what was read and when."""

    results: pd.DataFrame
    lists: list[dict] = field(default_factory=list)
    population: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    config_hash: str = ""
    today: dt.date | None = None
    reads: list[ListRead] = field(default_factory=list)
    scored: pd.DataFrame | None = None  # candidate pairs with levels and weights (verify keep_scored)

    def counts(self) -> dict[str, int]:
        vc = self.results["status"].value_counts()
        return {s.value: int(vc.get(s.value, 0)) for s in Status}

    def rows_by_list(self) -> list[pd.DataFrame]:
        """Each list's own result rows, by position (the pipeline keeps rows in list order), so
        two lists with the same file name in different folders never share rows."""
        counts = [sum(s["records"] for s in info.get("sheets", [])) for info in self.lists]
        if sum(counts) != len(self.results):
            raise RuntimeError(f"{len(self.results)} result rows but the lists read {sum(counts)}")
        edges = np.cumsum([0, *counts])
        return [self.results.iloc[a:b] for a, b in zip(edges[:-1], edges[1:], strict=True)]

    def exit_code(self, fail_on: Iterable[str] = ()) -> int:
        """3 when any row has one of the ``fail_on`` statuses, else 0."""
        counts = self.counts()
        return 3 if any(counts.get(s, 0) for s in fail_on) else 0

    def summary(self) -> dict:
        """The JSON-able summary (summary.json, and what --json prints)."""
        per_sheet = (
            self.results.groupby(["source", "sheet"], sort=False)["status"]
            .value_counts()
            .unstack(fill_value=0)
        )
        sheets = [
            {
                "source": src,
                "sheet": sh,
                "rows": int(row.sum()),
                **{s.value: int(row.get(s.value, 0)) for s in Status},
            }
            for (src, sh), row in per_sheet.iterrows()
        ]
        return {
            "tool": "vaxrecon",
            "version": __version__,
            "run_date": str(self.today),
            "config_hash": self.config_hash,
            "rows": len(self.results),
            "counts": self.counts(),
            "duplicates": int((self.results["duplicate_of"] != "").sum()),
            "lists": self.lists,
            "sheets": sheets,
            "population": self.population,
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
        }


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def list_fields(name: str, sha: str, meta: dict, cfg: dict) -> dict:
    """What the summary and the ledger record of a list: file, hash, commune, dates, deadline."""
    list_date = meta.get("list_date")
    return {
        "name": name,
        "sha256": sha,
        "commune": meta.get("commune", ""),
        "commune_code": meta.get("commune_code", ""),
        "unit": meta.get("unit", ""),
        "list_date": list_date.isoformat() if list_date else "",
        "deadline": deadline_for(list_date, cfg).isoformat() if list_date else "",
    }


def parse_statuses(text: str | None) -> list[str]:
    """Comma-separated status names (as --fail-on takes them), checked against :class:`Status`."""
    wanted = [s.strip() for s in (text or "").split(",") if s.strip()]
    known = [s.value for s in Status]
    for s in wanted:
        if s not in known:
            raise InputError(key="err.fail_on", known=", ".join(known), value=s)
    return wanted

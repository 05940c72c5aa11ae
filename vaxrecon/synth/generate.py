"""`vaxrecon synth`: a population extract, registration lists in every layout, doses, and truth."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon.admin_units import bare_name
from vaxrecon.errors import InputError
from vaxrecon.synth.doses import make_doses
from vaxrecon.synth.entry_errors import ErrorLog
from vaxrecon.synth.layouts import LAYOUTS, write_platform_xls, write_xlsx
from vaxrecon.synth.lists import compose, foreigners
from vaxrecon.synth.people import (
    add_households,
    add_twins,
    make_names,
    make_people,
    population_extract,
    province_units,
    relative_ids,
)

TRUTH_COLUMNS = ["file", "sheet", "row", "person_id", "true_class", "duplicate_of", "errors"]


@dataclass
class SynthResult:
    """What `synth` wrote, with counts and the measured entry-error rates."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)
    population: int = 0
    list_rows: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    error_rates: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def _mix_counts(rows: int, mix: dict[str, float]) -> dict[str, int]:
    counts = {k: int(round(rows * v)) for k, v in mix.items()}
    counts["main"] = rows - sum(counts.values())
    return counts


def _signers(rng: np.random.Generator) -> tuple[str, str]:
    names = make_names(rng, np.array(["kinh", "kinh"], dtype=object), np.array(["F", "M"], dtype=object))[
        "name"
    ]
    return names.iloc[0], names.iloc[1]


def _commune_weights(
    rng: np.random.Generator, n_units: int, focus: np.ndarray, people: int, need: int
) -> np.ndarray:
    """Commune shares where each list commune holds enough people for its list."""
    weights = rng.gamma(2.0, 1.0, n_units)
    weights /= weights.sum()
    focus_share = min(0.8, need * 1.6 / max(people, 1))
    weights[focus] = np.maximum(weights[focus], focus_share / max(len(focus), 1))
    return weights


def _draw_rows(
    rng: np.random.Generator,
    people: pd.DataFrame,
    outsiders: pd.DataFrame,
    used: np.ndarray,
    unit: pd.Series,
    li: int,
    counts: dict[str, int],
    reference: dt.date,
    placed: list[pd.DataFrame],
    next_uid: int,
) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Who is on one commune's list: its own people (drawn without replacement), some from other
    communes, people not in the extract, non-citizens, and people registered again. Returns the
    shuffled rows, the commune's people and the next unique row id."""
    code = people["commune_code"].to_numpy()
    here = np.flatnonzero((code == unit["commune_code"]) & ~used)
    elsewhere = np.flatnonzero((code != unit["commune_code"]) & ~used)
    main = rng.choice(here, size=min(counts["main"], len(here)), replace=False)
    other = rng.choice(elsewhere, size=min(counts["other_commune"], len(elsewhere)), replace=False)
    used[main] = used[other] = True
    n_out = counts["not_in_population"]
    parts = [
        people.iloc[main].assign(true_class="match"),
        people.iloc[other].assign(true_class="match"),
        outsiders.iloc[li * n_out : (li + 1) * n_out].assign(true_class="not_in_population"),
        foreigners(rng, counts["non_citizen"], reference).assign(
            true_class="non_citizen", village=unit["commune"]
        ),
    ]
    body = pd.concat(parts, ignore_index=True)
    body["uid"] = np.arange(next_uid, next_uid + len(body))
    body["dup_of"] = -1
    next_uid += len(body)
    pool = pd.concat([body[body["true_class"] == "match"]] + placed[-1:], ignore_index=True)
    dups = pool.sample(n=min(counts["duplicate"], len(pool)), random_state=int(rng.integers(2**31))).copy()
    dups["dup_of"] = dups["uid"].to_numpy()
    dups["uid"] = np.arange(next_uid, next_uid + len(dups))
    dups["true_class"] = "duplicate"
    next_uid += len(dups)
    body = pd.concat([body, dups], ignore_index=True)
    return body.sample(frac=1.0, random_state=int(rng.integers(2**31))).reset_index(drop=True), here, next_uid


def _list_meta(rng: np.random.Generator, unit: pd.Series, reference: dt.date) -> dict:
    """What a list's title and signature rows say."""
    signer1, signer2 = _signers(rng)
    return {
        "commune": unit["commune"],
        "commune_code": unit["commune_code"],
        "district": unit["district"],
        "district_code": unit["district_code"],
        "province": unit["province"],
        "province_code": unit["province_code"],
        "list_date": reference - dt.timedelta(days=int(rng.integers(0, 3))),
        "signer_1": signer1,
        "signer_2": signer2,
        "site": f"{unit['commune_code']}01",
    }


@dataclass
class _Draw:
    """Who the lists are drawn from: the extract's people, people outside it, the list communes."""

    people: pd.DataFrame
    outsiders: pd.DataFrame
    units: pd.DataFrame
    focus: np.ndarray
    counts: dict[str, int]


def _draw_population(
    rng: np.random.Generator,
    syn: dict,
    province: str,
    n_pop: int,
    n_lists: int,
    n_rows: int,
    reference: dt.date,
) -> _Draw:
    """The extract's people (households, twins, relatives' IDs) and the people outside it."""
    units = province_units(province)
    focus = (
        rng.choice(len(units), size=min(n_lists, len(units)), replace=False) if n_lists else np.array([], int)
    )
    weights = _commune_weights(rng, len(units), focus, n_pop, n_rows * len(focus))
    people = make_people(rng, n_pop, province, syn, reference, weights=weights)
    people = add_households(rng, people, syn["household_size"])
    people = add_twins(rng, people, syn["twins"])
    people["relative_id"] = relative_ids(people)
    people["passport"], people["nationality"] = "", ""
    counts = _mix_counts(n_rows, syn["mix"])
    outsiders = make_people(
        rng,
        max(1, counts["not_in_population"] * max(n_lists, 1)),
        province,
        syn,
        reference,
        taken=set(people["person_id"]),
    )
    outsiders["passport"], outsiders["nationality"] = "", ""
    return _Draw(people, outsiders, units, focus, counts)


def _write_lists(
    rng: np.random.Generator, draw: _Draw, syn: dict, reference: dt.date, out: Path
) -> tuple[list[Path], pd.DataFrame, list[ErrorLog]]:
    """One workbook per list commune, each in the next layout; the truth of every row written."""
    used = np.zeros(len(draw.people), dtype=bool)
    files: list[Path] = []
    truth_frames: list[pd.DataFrame] = []
    placed: list[pd.DataFrame] = []  # earlier rows that can be registered again
    next_uid = 0
    logs: list[ErrorLog] = []
    for li, unit_idx in enumerate(draw.focus):
        unit = draw.units.iloc[unit_idx]
        layout = LAYOUTS[li % len(LAYOUTS)]
        body, here, next_uid = _draw_rows(
            rng, draw.people, draw.outsiders, used, unit, li, draw.counts, reference, placed, next_uid
        )
        others = draw.people["person_id"].iloc[
            rng.choice(here if len(here) else np.arange(len(draw.people)), size=len(body))
        ]
        cells, log = compose(rng, body, syn, layout, reference, others)
        logs.append(log)
        meta = _list_meta(rng, unit, reference)
        slug = bare_name(unit["commune"]).replace(" ", "_")
        suffix = ".xls" if layout == "platform" else ".xlsx"
        path = out / "lists" / f"ds_{li + 1:02d}_{slug}_{layout}{suffix}"
        pos = (
            write_platform_xls(path, cells, meta)
            if layout == "platform"
            else write_xlsx(path, layout, cells, meta)
        )
        files.append(path)
        order = {idx: rank for rank, idx in enumerate(pos)}  # writers record rows in file order
        truth_frames.append(
            pd.DataFrame(
                {
                    "file": path.name,
                    "sheet": [pos[i][0] for i in range(len(body))],
                    "row": [pos[i][1] for i in range(len(body))],
                    "person_id": body["person_id"],
                    "true_class": body["true_class"],
                    "uid": body["uid"],
                    "dup_of": body["dup_of"],
                    "rank": [li * 10**7 + order[i] for i in range(len(body))],
                    "errors": [";".join(k) for k in log.kinds],
                }
            )
        )
        placed.append(body[body["true_class"] == "match"])
    truth = (
        _resolve_duplicates(pd.concat(truth_frames, ignore_index=True))
        if truth_frames
        else pd.DataFrame(columns=TRUTH_COLUMNS)
    )
    return files, truth, logs


def synthesize(
    out_dir: str | Path,
    cfg: dict,
    *,
    province: str | None = None,
    population: int | None = None,
    lists: int | None = None,
    rows: int | None = None,
    seed: int | None = None,
    commune_codes: bool | None = None,
) -> SynthResult:
    """Write population.csv, lists/*, doses.csv, doses_truth.csv and truth.csv into ``out_dir``.
    ``commune_codes`` False writes an extract that names communes and addresses but has no codes."""
    start = time.perf_counter()
    syn = cfg["synth"]
    n_pop = population if population is not None else syn["population"]
    n_lists = lists if lists is not None else syn["lists"]
    n_rows = rows if rows is not None else syn["rows"]
    if n_pop < 1 or n_lists < 0 or n_rows < 1:
        raise InputError(key="err.synth_sizes")
    reference = dt.date.fromisoformat(syn["list_date"])
    rng = np.random.default_rng(seed if seed is not None else syn["seed"])
    out = Path(out_dir)
    (out / "lists").mkdir(parents=True, exist_ok=True)

    draw = _draw_population(rng, syn, province or syn["province"], n_pop, n_lists, n_rows, reference)
    files, truth, logs = _write_lists(rng, draw, syn, reference, out)
    people = draw.people
    dose_people = people.sample(frac=syn["doses"]["share"], random_state=int(rng.integers(2**31)))
    doses, doses_truth = make_doses(rng, dose_people, syn, reference, set(people["person_id"]))
    codes = syn["extract_commune_codes"] if commune_codes is None else commune_codes
    extract = population_extract(people, commune_codes=codes)
    for name, frame in [
        ("population.csv", extract),
        ("truth.csv", truth),
        ("doses.csv", doses),
        ("doses_truth.csv", doses_truth),
    ]:
        frame.to_csv(out / name, index=False, lineterminator="\n")
        files.append(out / name)
    return SynthResult(
        out_dir=out,
        files=files,
        population=len(people),
        list_rows=len(truth),
        classes=truth["true_class"].value_counts().sort_index().to_dict(),
        error_rates=_rate_table(logs, syn["errors"]),
        seconds=time.perf_counter() - start,
    )


def _resolve_duplicates(truth: pd.DataFrame) -> pd.DataFrame:
    """Of two rows of the same person, the one read later is the duplicate; it points to the other.
    People who are not in the extract carry no person ID in the truth."""
    ref = truth["file"] + "|" + truth["sheet"] + "|" + truth["row"].astype(str)
    by_uid = pd.Series(truth.index, index=truth["uid"])
    copies = truth.index[truth["dup_of"] >= 0]
    originals = by_uid.loc[truth.loc[copies, "dup_of"]].to_numpy()
    later = np.where(
        truth.loc[copies, "rank"].to_numpy() > truth.loc[originals, "rank"].to_numpy(), copies, originals
    )
    earlier = np.where(later == copies, originals, copies)
    truth["true_class"] = truth["true_class"].replace("duplicate", "match")
    truth.loc[later, "true_class"] = "duplicate"
    truth["duplicate_of"] = ""
    truth.loc[later, "duplicate_of"] = ref.loc[earlier].to_numpy()
    truth.loc[truth["true_class"] == "not_in_population", "person_id"] = ""
    return truth[TRUTH_COLUMNS]


def _rate_table(logs: list[ErrorLog], configured: dict[str, float]) -> list[dict]:
    table = []
    for kind, rate in configured.items():
        eligible = sum(log.eligible.get(kind, 0) for log in logs)
        applied = sum(sum(kind in k for k in log.kinds) for log in logs)
        table.append(
            {
                "error": kind,
                "configured": rate,
                "eligible": eligible,
                "applied": applied,
                "measured": round(applied / eligible, 4) if eligible else 0.0,
            }
        )
    return table

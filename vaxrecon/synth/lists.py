"""Compose one commune's registration list: who is on it, what the clerk typed, the truth."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from vaxrecon.synth.entry_errors import (
    ErrorLog,
    corrupt_dates,
    corrupt_genders,
    corrupt_ids,
    corrupt_names,
)
from vaxrecon.synth.people import name_tables

_VACCINES = ["AstraZeneca", "Pfizer", "Moderna", "Vero Cell"]


def _passports(rng: np.random.Generator, n: int) -> np.ndarray:
    """Passport numbers: one or two letters and 7 digits, or 9 digits (as US passports have)."""
    letters = np.array(list("BCEGKMNPSTX"))
    first = letters[rng.integers(0, len(letters), n)]
    second = np.where(rng.random(n) < 0.3, letters[rng.integers(0, len(letters), n)], "")
    digits = pd.Series(rng.integers(0, 10**7, n)).astype(str).str.zfill(7)
    lettered = pd.Series(first) + pd.Series(second) + digits
    numeric = pd.Series(rng.integers(10**8, 10**9, n)).astype(str)
    return np.where(rng.random(n) < 0.15, numeric, lettered).astype(object)


def foreigners(rng: np.random.Generator, n: int, reference: dt.date) -> pd.DataFrame:
    """Non-citizens as lists write them: a passport number in one of the notations lists use, a
    nationality in its column, only in the notes, or nowhere."""
    t = name_tables()["foreign"]
    nat_groups = t["nationalities"]
    pick = rng.integers(0, len(nat_groups), n)
    written = [nat_groups[g][int(rng.integers(len(nat_groups[g])))] for g in pick]
    r = rng.random(n)
    nat = np.where(r < 0.4, "", np.array(written, dtype=object))
    notations, notes = t["passport_notations"], t["nationality_notes"]
    note_text = [notes[int(rng.integers(len(notes)))].format(nat_groups[g][0]) for g in pick]
    note = np.where((r < 0.2), np.array(note_text, dtype=object), "")
    passports = _passports(rng, n)
    cell = [notations[int(rng.integers(len(notations)))].format(p) for p in passports]
    ages = rng.integers(18, 70, n)
    dob = [
        reference - dt.timedelta(days=int(a * 365 + d))
        for a, d in zip(ages, rng.integers(0, 365, n), strict=True)
    ]
    return pd.DataFrame(
        {
            "person_id": "",
            "cmnd": "",
            "name": np.array(t["names"], dtype=object)[rng.integers(0, len(t["names"]), n)],
            "gender": np.where(rng.random(n) < 0.5, "M", "F"),
            "dob": dob,
            "passport": np.array(cell, dtype=object),
            "nationality": nat,
            "note": note,
        }
    )


def _phones(rng: np.random.Generator, n: int) -> np.ndarray:
    prefix = np.array(["090", "091", "093", "097", "098", "035", "036", "083", "086"])
    digits = pd.Series(rng.integers(0, 10**7, n)).astype(str).str.zfill(7)
    phones = (pd.Series(prefix[rng.integers(0, len(prefix), n)]) + digits).to_numpy(dtype=object)
    as_number = rng.random(n) < 0.2
    return np.array([int(p) if a else p for p, a in zip(phones, as_number, strict=True)], dtype=object)


def _gender_text(rng: np.random.Generator, genders: pd.Series, layout: str) -> pd.Series:
    if layout == "platform":
        return genders.map({"M": 0, "F": 1})
    r = rng.random(len(genders))
    male = np.select([r < 0.85, r < 0.95], ["Nam", "nam"], "M")
    female = np.select([r < 0.85, r < 0.92, r < 0.97], ["Nữ", "nữ", "Nu"], "F")
    return pd.Series(np.where(genders == "M", male, female), index=genders.index)


def _nationality_text(rng: np.random.Generator, n: int) -> np.ndarray:
    r = rng.random(n)
    return np.select([r < 0.5, r < 0.6, r < 0.65], ["Việt Nam", "VN", "Viet Nam"], "")


def _qr_payloads(rng: np.random.Generator, people: pd.DataFrame, reference: dt.date) -> np.ndarray:
    dob = pd.to_datetime(people["dob"]).dt.strftime("%d%m%Y")
    address = people["village"] + ", " + people["commune"] + ", " + people["district"]
    issued = reference - dt.timedelta(days=200)
    payload = (
        people["person_id"]
        + "|"
        + people["cmnd"]
        + "|"
        + people["name"].str.upper()
        + "|"
        + dob
        + "|"
        + people["gender"].map({"M": "Nam", "F": "Nữ"})
        + "|"
        + address
        + "|"
        + f"{issued:%d%m%Y}"
    )
    scanned = (rng.random(len(people)) < 0.6) & (people["person_id"] != "")
    return np.where(scanned, payload, "")


def compose(
    rng: np.random.Generator,
    rows: pd.DataFrame,
    syn: dict,
    layout: str,
    reference: dt.date,
    others: pd.Series,
) -> tuple[pd.DataFrame, ErrorLog]:
    """Cell values for the list rows of ``rows`` (true people), with entry errors applied."""
    rates = syn["errors"]
    log = ErrorLog(len(rows))
    rows = rows.reset_index(drop=True)
    cells = pd.DataFrame(index=rows.index)
    cells["name"] = corrupt_names(rng, rows["name"], rates, log)
    cells["dob"] = corrupt_dates(rng, rows["dob"], rates, log, reference, excel_dates=layout != "platform")
    gender_typed = corrupt_genders(rng, rows["gender"], rates, log)
    cells["gender"] = _gender_text(rng, gender_typed, layout)
    cells["gender_true"] = gender_typed
    elderly = np.array(["dob_year_only_elderly" in k for k in log.kinds], dtype=bool)
    relatives = rows["relative_id"] if "relative_id" in rows else None
    ids = corrupt_ids(
        rng,
        rows["person_id"],
        rows["cmnd"],
        others.reset_index(drop=True),
        rates,
        log,
        numeric_cells=layout != "platform",
        relatives=relatives,
        year_only_elderly=elderly,
    )
    foreign = rows["passport"] != ""
    cells["id"] = ids.where(~foreign, rows["passport"])
    cells["nationality"] = np.where(foreign, rows["nationality"], _nationality_text(rng, len(rows)))
    cells["note"] = rows["note"].fillna("") if "note" in rows else ""
    cells["village"] = rows["village"].fillna("")
    cells["phone"] = _phones(rng, len(rows))
    cells["dose"] = np.where(rng.random(len(rows)) < 0.6, 1, 2)
    cells["qr"] = _qr_payloads(rng, rows, reference) if layout == "qr" else ""
    if layout == "qr":  # a scanned card often leaves the typed columns blank
        blank = (cells["qr"] != "") & (rng.random(len(rows)) < 0.3)
        for col in ("name", "dob", "id"):
            cells.loc[blank, col] = None
    cells["priority"] = rng.integers(1, 16, len(rows))
    cells["vaccine"] = np.array(_VACCINES)[rng.integers(0, len(_VACCINES), len(rows))]
    first = pd.Timestamp(reference) - pd.to_timedelta(rng.integers(30, 90, len(rows)), unit="D")
    cells["dose1_date"] = first.strftime("%d/%m/%Y")
    cells["lot"] = pd.Series(rng.integers(1000, 9999, len(rows))).astype(str).radd("L")
    return cells, log

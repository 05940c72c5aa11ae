"""Vaccination dose records as a platform export gives them, for the data-cleaning campaign.

One row per dose with the identity typed at that visit (copied from the platform's record, or typed
again with its own entry errors), the vaccine as some alias, dose number, date, lot and site. Each kind
of dose anomaly is injected as events on distinct people; the truth names every row's person, its
class, and the event and kind it belongs to.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from vaxrecon.synth.entry_errors import ErrorLog, corrupt_dates, corrupt_genders, corrupt_ids, corrupt_names
from vaxrecon.synth.lists import _phones, foreigners
from vaxrecon.synth.people import make_people

# vaccine -> (primary doses, shortest and longest typical days between primary doses), and how
# each is written in exports. Typical gaps stay above the campaign's minimum intervals.
SERIES = {
    "AstraZeneca": (2, 56, 84),
    "Pfizer": (2, 21, 35),
    "Moderna": (2, 28, 42),
    "Vero Cell": (2, 21, 35),
    "Hayat-Vax": (2, 21, 35),
    "Sputnik V": (2, 21, 35),
    "Abdala": (3, 14, 21),
    "Janssen": (1, 0, 0),
}
WRITTEN = {
    "AstraZeneca": ["AstraZeneca", "AZD1222", "Vaxzevria", "Astra Zeneca", "ASTRAZENECA"],
    "Pfizer": ["Pfizer", "Comirnaty", "Pfizer-BioNTech", "PFIZER"],
    "Moderna": ["Moderna", "Spikevax", "MODERNA"],
    "Vero Cell": ["Vero Cell", "Sinopharm", "VeroCell"],
    "Hayat-Vax": ["Hayat-Vax", "Hayat Vax"],
    "Sputnik V": ["Sputnik V", "Gam-COVID-Vac"],
    "Abdala": ["Abdala"],
    "Janssen": ["Janssen", "Johnson & Johnson"],
}
UNKNOWN_VACCINES = ["Covaxin", "CoronaVac", "Novavax", "Convidecia", "Sinovac"]
BOOSTERS = ["Pfizer", "Moderna", "AstraZeneca"]
MAX_BOOSTERS = 2
ROLLOUT = pd.Timestamp("2021-03-08")
KINDS = [
    "duplicate_dose",
    "dose_number_conflict",
    "dose_order",
    "interval_too_short",
    "date_in_future",
    "date_before_rollout",
    "date_before_birth",
    "vaccine_unknown",
    "too_many_doses",
]
COLUMNS = {
    "record_id": "MA_MUI_TIEM",
    "name": "HO_TEN",
    "dob": "NGAY_SINH",
    "gender": "GIOI_TINH",
    "id": "SO_CMT_CCCD",
    "phone": "SO_DIEN_THOAI",
    "nationality": "QUOC_TICH",
    "commune_code": "MA_XA",
    "commune": "XA_PHUONG",
    "vaccine": "TEN_VAC_XIN",
    "dose": "MUI_SO",
    "date": "NGAY_TIEM",
    "lot": "LO_VAC_XIN",
    "site": "DIA_DIEM_TIEM",
}


def _people(
    rng: np.random.Generator, people: pd.DataFrame, syn: dict, reference: dt.date, taken: set[str]
) -> pd.DataFrame:
    """The vaccinated: people of the extract, people missing from it, and non-citizens."""
    dcfg = syn["doses"]
    n_out = int(round(len(people) * dcfg["not_in_population"]))
    n_for = int(round(len(people) * dcfg["non_citizen"]))
    province = people["province"].iloc[0] if len(people) else syn["province"]
    parts = [people.assign(true_class="match", passport="", nationality="")]
    if n_out:
        out = make_people(rng, n_out, province, syn, reference, taken=taken)
        out = out[pd.to_datetime(out["dob"]) <= ROLLOUT - pd.DateOffset(years=12)]
        parts.append(out.assign(true_class="not_in_population", passport="", nationality=""))
    if n_for:
        fo = foreigners(rng, n_for, reference)
        spots = people.sample(n=n_for, replace=True, random_state=int(rng.integers(2**31)))
        for col in ("province", "district", "commune", "commune_code", "village"):
            fo[col] = spots[col].to_numpy()
        parts.append(fo.assign(true_class="non_citizen"))
    who = pd.concat(parts, ignore_index=True)
    who["key"] = "P" + pd.Series(np.arange(len(who))).astype(str).str.zfill(7)
    who["truth_id"] = who["person_id"].where(who["true_class"] == "match", "")
    who["phone"] = pd.Series(_phones(rng, len(who))).astype(str).to_numpy()
    return who.reset_index(drop=True)


def _timelines(
    rng: np.random.Generator, who: pd.DataFrame, dcfg: dict, export: pd.Timestamp, many: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """Consistent dose histories (vaccine, number, date, lot, site) for everyone, in date order
    per person; the people in ``many`` get one dose more than the series and boosters allow, at
    valid intervals (returned: those who still have it by the export date)."""
    n = len(who)
    names = np.array(list(SERIES))
    share = np.array([dcfg["vaccine_share"].get(v, 0.0) for v in names], dtype=float)
    series = names[rng.choice(len(names), size=n, p=share / share.sum())]
    primary = np.array([SERIES[v][0] for v in series])
    per = np.asarray(dcfg["per_person"], dtype=float)
    count = rng.choice(np.arange(1, len(per) + 1), size=n, p=per / per.sum())
    count = np.minimum(count, primary + MAX_BOOSTERS)
    count[many] = primary[many] + MAX_BOOSTERS + 1
    row_of = np.repeat(np.arange(n), count)
    number = pd.Series(row_of).groupby(row_of).cumcount().to_numpy() + 1
    vacc = series[row_of]
    lo = np.array([SERIES[v][1] for v in vacc])
    hi = np.array([SERIES[v][2] for v in vacc])
    prim = primary[row_of]
    early = many[row_of]
    gap = np.select(
        [number == 1, number <= prim, number == prim + 1],
        [
            0,
            lo + rng.integers(0, 1000, len(row_of)) % (hi - lo + 1),
            np.where(early, 95, rng.integers(95, 180, len(row_of))),
        ],
        np.where(early, 125, rng.integers(125, 200, len(row_of))),
    )
    start = rng.integers(0, 300, n)
    start[many] = rng.integers(2, 15, int(many.sum()))
    days = start[row_of] + pd.Series(gap).groupby(row_of).cumsum().to_numpy()
    date = ROLLOUT + pd.to_timedelta(days, unit="D")
    mixed = (vacc == "AstraZeneca") & (number == 2) & (rng.random(len(row_of)) < 0.1)
    booster = number > prim
    vacc = np.where(mixed, "Pfizer", vacc)
    vacc = np.where(booster, np.array(BOOSTERS)[rng.integers(0, len(BOOSTERS), len(row_of))], vacc)
    rows = pd.DataFrame(
        {
            "p": row_of,
            "number": number,
            "shown": number,
            "vaccine": vacc,
            "date": date,
            "event": "",
            "kind": "",
            "lot": pd.Series(rng.integers(1000, 9999, len(row_of))).astype(str).radd("L"),
            "site": _sites(rng, who, row_of),
        }
    )
    rows = rows[rows["date"] <= export].reset_index(drop=True)
    kept = rows.groupby("p").size().reindex(range(n), fill_value=0).to_numpy()
    return rows, many & (kept == primary + MAX_BOOSTERS + 1)


def _pick(
    rng: np.random.Generator, eligible: np.ndarray, free: np.ndarray, rate: float, n: int
) -> np.ndarray:
    """Distinct people (positions) for one anomaly kind, among the eligible and not yet used."""
    pool = np.flatnonzero(eligible & free)
    k = min(len(pool), int(round(rate * n)))
    chosen = rng.choice(pool, size=k, replace=False) if k else np.array([], dtype=int)
    free[chosen] = False
    return np.sort(chosen)


def _mark(rows: pd.DataFrame, idx: np.ndarray, kind: str, event: np.ndarray) -> None:
    rows.loc[idx, "kind"] = kind
    rows.loc[idx, "event"] = event


def _inject(
    rng: np.random.Generator,
    rows: pd.DataFrame,
    who: pd.DataFrame,
    dcfg: dict,
    export: pd.Timestamp,
    many: np.ndarray,
) -> pd.DataFrame:
    """Apply each anomaly kind to its own people; returns rows plus duplicated copies."""
    rates = dcfg["anomalies"]
    n = len(who)
    free = ~many.copy()
    per = rows.groupby("p").size().reindex(range(n), fill_value=0).to_numpy()
    first = np.r_[0, np.cumsum(per)[:-1]]  # rows are grouped by person in date order
    serial = iter(range(1, 10**9))

    def events(k: int) -> np.ndarray:
        return np.array([f"E{next(serial):07d}" for _ in range(k)], dtype=object)

    def row_in(people: np.ndarray, lo_k: int) -> np.ndarray:
        """One row per person, at a random dose position >= lo_k (1-based)."""
        span = per[people] - lo_k + 1
        return first[people] + lo_k - 1 + (rng.integers(0, 1 << 30, len(people)) % np.maximum(span, 1))

    last = rows.groupby("p").tail(1)
    ev = events(int(many.sum()))
    _mark(rows, last.index[np.isin(last["p"], np.flatnonzero(many))].to_numpy(), "too_many_doses", ev)

    has = per >= 1
    two = per >= 2
    pick = _pick(rng, two, free, rates["dose_number_conflict"], n)
    r = row_in(pick, 2)
    rows.loc[r, "shown"] = rows.loc[r, "number"].to_numpy() - 1
    ev = events(len(r))
    _mark(rows, r, "dose_number_conflict", ev)
    _mark(rows, r - 1, "dose_number_conflict", ev)

    pick = _pick(rng, two, free, rates["dose_order"], n)
    r = row_in(pick, 2)
    rows.loc[r, "shown"] = rows.loc[r, "number"].to_numpy() - 1
    rows.loc[r - 1, "shown"] = rows.loc[r - 1, "number"].to_numpy() + 1
    ev = events(len(r))
    _mark(rows, r, "dose_order", ev)
    _mark(rows, r - 1, "dose_order", ev)

    pick = _pick(rng, two, free, rates["interval_too_short"], n)
    r = row_in(pick, 2)
    rows.loc[r, "date"] = rows.loc[r - 1, "date"].to_numpy() + pd.to_timedelta(
        rng.integers(3, 12, len(r)), unit="D"
    )
    _mark(rows, r, "interval_too_short", events(len(r)))

    pick = _pick(rng, has, free, rates["date_in_future"], n)
    r = first[pick] + per[pick] - 1
    rows.loc[r, "date"] = export + pd.to_timedelta(rng.integers(10, 400, len(r)), unit="D")
    _mark(rows, r, "date_in_future", events(len(r)))

    pick = _pick(rng, has, free, rates["date_before_rollout"], n)
    r = row_in(pick, 1)
    rows.loc[r, "date"] = pd.to_datetime(
        {"year": 2020, "month": rows.loc[r, "date"].dt.month, "day": rows.loc[r, "date"].dt.day}
    )
    _mark(rows, r, "date_before_rollout", events(len(r)))

    pick = _pick(rng, has, free, rates["date_before_birth"], n)
    r = row_in(pick, 1)
    dob = pd.to_datetime(who["dob"].iloc[rows.loc[r, "p"]]).to_numpy()
    rows.loc[r, "date"] = dob - pd.to_timedelta(rng.integers(30, 700, len(r)), unit="D").to_numpy()
    _mark(rows, r, "date_before_birth", events(len(r)))

    pick = _pick(rng, has, free, rates["vaccine_unknown"], n)
    r = row_in(pick, 1)
    rows.loc[r, "vaccine"] = np.array(UNKNOWN_VACCINES)[rng.integers(0, len(UNKNOWN_VACCINES), len(r))]
    _mark(rows, r, "vaccine_unknown", events(len(r)))

    pick = _pick(rng, has, free, rates["duplicate_dose"], n)
    r = row_in(pick, 1)
    ev = events(len(r))
    _mark(rows, r, "duplicate_dose", ev)
    copies = rows.loc[r].copy()
    copies["copy"] = True
    return pd.concat([rows.assign(copy=False), copies], ignore_index=True)


def _typed(rng: np.random.Generator, who: pd.DataFrame, syn: dict, reference: dt.date) -> pd.DataFrame:
    """What a clerk typed for these people, with entry errors (one draw per row of ``who``)."""
    rates = {**syn["errors"], "id_as_number": 0.0}
    log = ErrorLog(len(who))
    citizen = who["true_class"] != "non_citizen"
    ids = corrupt_ids(
        rng,
        who["person_id"].fillna(""),
        who["cmnd"].fillna(""),
        who["person_id"].sample(frac=1, random_state=int(rng.integers(2**31))),
        rates,
        log,
        numeric_cells=False,
    ).astype(object)
    ids = ids.where(ids.notna(), "").astype(str)
    return pd.DataFrame(
        {
            "name": corrupt_names(rng, who["name"], rates, log).to_numpy(),
            "dob": corrupt_dates(rng, who["dob"], rates, log, reference, excel_dates=False)
            .astype(str)
            .to_numpy(),
            "gender": corrupt_genders(rng, who["gender"], rates, log).map({"M": "Nam", "F": "Nữ"}).to_numpy(),
            "id": np.where(citizen, ids, who["passport"].fillna("")),
            "nationality": np.where(
                citizen, np.where(rng.random(len(who)) < 0.5, "Việt Nam", ""), who["nationality"].fillna("")
            ),
            "errors": [";".join(k) for k in log.kinds],
        }
    )


def _sites(rng: np.random.Generator, who: pd.DataFrame, p: np.ndarray) -> np.ndarray:
    """Mostly the commune's health station; sometimes the district health centre or a hospital."""
    station = ("Trạm Y tế " + who["commune"]).to_numpy(dtype=object)[p]
    centre = (
        "Trung tâm Y tế " + who["district"].str.replace(r"^(Huyện|Thành phố|Thị xã) ", "", regex=True)
    ).to_numpy(dtype=object)[p]
    r = rng.random(len(p))
    return np.select([r < 0.8, r < 0.95], [station, centre], "Bệnh viện Đa khoa tỉnh")


def make_doses(
    rng: np.random.Generator,
    people: pd.DataFrame,
    syn: dict,
    reference: dt.date,
    taken: set[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dose records (one row per dose, shuffled as an export is) and their truth, row for row."""
    dcfg = syn["doses"]
    export = pd.Timestamp(dcfg["export_date"])
    people = people[pd.to_datetime(people["dob"]) <= ROLLOUT - pd.DateOffset(years=12)]  # 12+ only
    who = _people(rng, people, syn, reference, taken or set(people["person_id"]))
    many = rng.random(len(who)) < dcfg["anomalies"]["too_many_doses"]
    rows, many = _timelines(rng, who, dcfg, export, many)
    rows = _inject(rng, rows, who, dcfg, export, many)
    base = _typed(rng, who, syn, reference)
    retype = rng.random(len(rows)) < dcfg["retype"]
    again = _typed(rng, who.iloc[rows.loc[retype, "p"]].reset_index(drop=True), syn, reference)
    typed = base.iloc[rows["p"]].reset_index(drop=True)
    typed.loc[retype] = again.set_axis(np.flatnonzero(retype)).to_numpy()
    p = rows["p"].to_numpy()
    written = np.array(
        [
            WRITTEN[v][int(k) % len(WRITTEN[v])] if v in WRITTEN else v
            for v, k in zip(rows["vaccine"], rng.integers(0, 1000, len(rows)), strict=True)
        ],
        dtype=object,
    )
    phone = np.where(rng.random(len(rows)) < 0.8, who["phone"].to_numpy(dtype=object)[p], "")
    order = rng.permutation(len(rows))
    doses = pd.DataFrame(
        {
            COLUMNS["record_id"]: "",
            COLUMNS["name"]: typed["name"],
            COLUMNS["dob"]: typed["dob"],
            COLUMNS["gender"]: typed["gender"],
            COLUMNS["id"]: typed["id"],
            COLUMNS["phone"]: phone,
            COLUMNS["nationality"]: typed["nationality"],
            COLUMNS["commune_code"]: who["commune_code"].to_numpy(dtype=object)[p],
            COLUMNS["commune"]: who["commune"].to_numpy(dtype=object)[p],
            COLUMNS["vaccine"]: written,
            COLUMNS["dose"]: rows["shown"].astype(str),
            COLUMNS["date"]: rows["date"].dt.strftime("%d/%m/%Y"),
            COLUMNS["lot"]: rows["lot"].to_numpy(),
            COLUMNS["site"]: rows["site"].to_numpy(),
        }
    )
    doses = doses.iloc[order].reset_index(drop=True)
    truth = (
        pd.DataFrame(
            {
                "person_id": who["truth_id"].to_numpy(dtype=object)[p],
                "person_key": who["key"].to_numpy(dtype=object)[p],
                "true_class": who["true_class"].to_numpy(dtype=object)[p],
                "event": rows["event"].to_numpy(),
                "kind": rows["kind"].to_numpy(),
                "identity_errors": typed["errors"].to_numpy(),
            }
        )
        .iloc[order]
        .reset_index(drop=True)
    )
    ids = pd.Series(np.arange(1, len(doses) + 1)).astype(str).str.zfill(8).radd("MT")
    doses[COLUMNS["record_id"]] = ids.to_numpy()
    truth.insert(0, "record_id", ids.to_numpy())
    return doses, truth

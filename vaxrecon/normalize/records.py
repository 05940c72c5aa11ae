"""Normalise a frame of raw field values (a list's records or an extract) in one vectorised pass."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from vaxrecon.admin_units import resolve_commune_codes
from vaxrecon.normalize.dates import parse_dates
from vaxrecon.normalize.demographics import nationality_from_note, normalize_gender, normalize_nationality
from vaxrecon.normalize.ids import cccd_checks, cell_text, normalize_ids
from vaxrecon.normalize.names import normalize_names
from vaxrecon.normalize.qr import parse_qr
from vaxrecon.normalize.text import by_distinct, fold_series
from vaxrecon.reasons import Reason, join_reasons

# Raw fields shown back to people as "what the list said", and their result columns.
LISTED = {"name": "listed_name", "dob": "listed_dob", "gender": "listed_gender", "id_number": "listed_id"}
# Fields copied through as cleaned text.
PASSTHROUGH = [
    "phone",
    "village",
    "address",
    "commune",
    "commune_code",
    "district",
    "province",
    "dose",
    "priority_group",
    "workplace",
    "insurance",
    "note",
    "section",
]


def _column(raw: pd.DataFrame, field: str) -> pd.Series:
    if field in raw.columns:
        return raw[field]
    return pd.Series("", index=raw.index, dtype=object)


def normalize_phones(text: pd.Series) -> pd.Series:
    """Digits only; a 9-digit number stored in a numeric cell gets back its leading 0."""
    digits = text.str.replace(r"\D", "", regex=True)
    lost_zero = digits.str.fullmatch(r"[1-9]\d{8}")
    return digits.where(~lost_zero, "0" + digits)


_VILLAGE_PREFIX = r"^(?:thon|ap|khu pho|kp|to dan pho|tdp|to|xom|buon|khom|ban|lang|doi|khu)\s*"


def village_keys(village: pd.Series, address: pd.Series) -> pd.Series:
    """A comparable village key ('Thôn 3' -> '3', 'Ấp Phú Thọ' -> 'phutho') from the village
    column, else the first part of the address."""
    text = village.astype(object)
    if (no_village := (village == "").to_numpy()).any():
        text[no_village] = by_distinct(_first_part, address[no_village]).to_numpy()
    codes, uniques = pd.factorize(text)
    folded = fold_series(pd.Series(uniques, dtype=object)).str.replace(r"[^a-z0-9 ]", " ", regex=True)
    folded = folded.str.replace(r"\s+", " ", regex=True).str.strip()
    key = folded.str.replace(_VILLAGE_PREFIX, "", regex=True).str.replace(" ", "", regex=False)
    return pd.Series(key.to_numpy()[codes] if len(uniques) else [], index=village.index, dtype=object)


def _first_part(address: pd.Series) -> pd.Series:
    return address.str.split(",").str[0].fillna("")


def commune_codes(raw: pd.DataFrame) -> pd.Series:
    """The row's commune code as given, else resolved from its commune/district/province names or
    its address with the 2021 administrative-unit table."""
    given = cell_text(_column(raw, "commune_code"))
    given = given.where(~given.str.fullmatch(r"\d{1,5}"), given.str.zfill(5))
    named = cell_text(_column(raw, "commune")).ne("") | cell_text(_column(raw, "address")).ne("")
    todo = (given == "") & named
    if todo.any():
        sub = raw.loc[todo]
        given[todo] = resolve_commune_codes(
            *(cell_text(_column(sub, f)) for f in ("commune", "district", "province", "address"))
        )
    return given


def _listed_text(values: pd.Series) -> pd.Series:
    """What a cell said, as text: date cells as people write them (dd/mm/yyyy)."""
    return by_distinct(lambda cells: cell_text(_shown_dates(cells)), values.astype(object))


def _shown_dates(values: pd.Series) -> pd.Series:
    """Date cells as people write them (dd/mm/yyyy); other cells unchanged."""
    is_date = values.map(type).isin([dt.date, dt.datetime, pd.Timestamp])
    if not is_date.any():
        return values
    shown = values.copy()
    shown[is_date] = pd.to_datetime(values[is_date]).dt.strftime("%d/%m/%Y")
    return shown


def _blank(s: pd.Series) -> pd.Series:
    return cell_text(s) == ""


_QR_FIELDS = {
    "name": "qr_name",
    "dob": "qr_dob",
    "gender": "qr_gender",
    "id_number": "qr_id",
    "old_id": "qr_old_id",
}


def _apply_qr(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Where a row carries a valid CCCD QR payload, the card's values are used for matching (the
    typed ones stay as "what the list said"). Returns those values and the QR fields, with
    ``qr_filled`` marking rows whose typed fields were blank."""
    qr = parse_qr(_column(raw, "qr"))
    qr["qr_filled"] = False
    valid = qr["qr_valid"]
    if not valid.any():
        return raw, qr
    card = raw.copy()
    filled = pd.Series(False, index=raw.index)
    for field, qf in _QR_FIELDS.items():
        typed = _column(raw, field).astype(object)
        has = valid & (qr[qf] != "")
        if has.any():  # the typed cell read only where the card gives a value
            filled[has] |= _blank(typed[has]).to_numpy()
        card[field] = typed.where(~has, qr[qf])
    qr["qr_filled"] = filled.to_numpy()
    return card, qr


def _qr_disagrees(raw: pd.DataFrame, qr: pd.DataFrame, today: dt.date) -> pd.Series:
    """Rows whose typed name, birth date or ID differs from their own QR payload."""
    valid = qr["qr_valid"]
    if not valid.any():
        return pd.Series(False, index=raw.index)
    sub, card = raw.loc[valid], qr.loc[valid]
    typed = {
        "name": normalize_names(_column(sub, "name"))["name_fold"],
        "dob": parse_dates(_column(sub, "dob").astype(object), today=today)["dob"],
        "id": normalize_ids(_column(sub, "id_number"))["id_value"],
    }
    scanned = {
        "name": normalize_names(card["qr_name"])["name_fold"],
        "dob": parse_dates(card["qr_dob"].astype(object), today=today)["dob"],
        "id": normalize_ids(card["qr_id"].astype(object))["id_value"],
    }
    differs = pd.Series(False, index=sub.index)
    for key, value in typed.items():
        differs |= (value != "") & (value != scanned[key])
    return differs.reindex(raw.index, fill_value=False)


def normalize_records(raw: pd.DataFrame, cfg: dict, today: dt.date, *, listed: bool = True) -> pd.DataFrame:
    """Normalise raw field values into comparison columns plus a ``norm_reasons`` code string.

    Provenance columns (``source``, ``sheet``, ``row``) pass through untouched; the listed text of
    name, birth date, gender and ID is kept as ``listed_*`` (unless not ``listed``).
    """
    ncfg = cfg["normalize"]
    typed = raw
    raw, qr = _apply_qr(typed)
    id_src = cell_text(_column(raw, "id_number"), as_cells=True)
    passport = cell_text(_column(raw, "passport"), as_cells=True)
    id_src = id_src.where((id_src != "") | (passport == ""), passport)
    names = normalize_names(_column(raw, "name"))
    dates = parse_dates(
        _column(raw, "dob"),
        today=today,
        pivot=ncfg["two_digit_year_pivot"],
        min_year=ncfg["min_birth_year"],
    )
    gender = normalize_gender(_column(raw, "gender"), ncfg["gender_words"], ncfg["gender_codes"])
    if "gender_from_column" in raw.columns:
        from_col = raw["gender_from_column"].fillna("").astype(str)
        gender["gender"] = gender["gender"].where(gender["gender"] != "", from_col)
    ids = normalize_ids(id_src)
    old = by_distinct(normalize_ids, _column(raw, "old_id"))
    nat = normalize_nationality(_column(raw, "nationality"), ncfg["citizen_nationalities"])
    noted = by_distinct(
        lambda note: nationality_from_note(note, ncfg["citizen_nationalities"], ncfg["foreign_countries"]),
        _column(raw, "note"),
    )
    in_note = (nat["nationality"] == "") & (noted != "")

    out = pd.DataFrame(index=raw.index)
    for col in ("source", "sheet", "row"):
        if col in raw.columns:
            out[col] = raw[col]
    out = pd.concat([out, names, dates, gender[["gender"]]], axis=1)
    out["id_kind"] = ids["id_kind"]
    out["id_value"] = ids["id_value"]
    given_cmnd = np.where(ids["id_kind"] == "cmnd", ids["id_value"], "")
    out["cmnd"] = np.where(old["id_kind"] == "cmnd", old["id_value"], given_cmnd)
    out["nationality"] = nat["nationality"]
    passport_no_nat = (ids["id_kind"] == "passport") & (nat["nationality"] == "") & ~in_note
    out["foreign"] = nat["foreign"] | in_note
    out["maybe_foreign"] = passport_no_nat  # a non-citizen unless someone in the extract fits
    for field in PASSTHROUGH:
        if field in raw.columns:
            out[field] = cell_text(raw[field])
    if "phone" in out.columns:
        out["phone"] = normalize_phones(out["phone"])
    out["commune_code"] = commune_codes(raw)
    out["village_key"] = village_keys(cell_text(_column(raw, "village")), cell_text(_column(raw, "address")))
    for field, column in LISTED.items() if listed else ():
        out[column] = _listed_text(_column(typed, field))

    checks = cccd_checks(out["id_value"], out["id_kind"], out["gender"], out["dob_y"])
    qr_bad = qr["qr_given"] & ~qr["qr_valid"]
    masks = {
        Reason.NAME_MISSING: out["name_fold"] == "",
        Reason.NAME_MARKS_MISSING: (out["name_fold"] != "") & ~out["name_has_marks"],
        Reason.NAME_MOJIBAKE_REPAIRED: out["name_repaired"],
        Reason.DOB_MISSING: (out["dob_precision"] == "") & ~dates["dob_invalid"],
        Reason.DOB_INVALID: dates["dob_invalid"],
        Reason.DOB_YEAR_ONLY: out["dob_precision"] == "year",
        Reason.DOB_TWO_DIGIT_YEAR: dates["dob_two_digit"],
        Reason.ID_MISSING: ids["id_kind"] == "missing",
        Reason.ID_LEADING_ZEROS_RESTORED: ids["id_restored"],
        Reason.ID_SCIENTIFIC_NOTATION: ids["id_kind"] == "unusable",
        Reason.ID_MALFORMED: ids["id_kind"] == "malformed",
        Reason.ID_IS_OLD_CMND: ids["id_kind"] == "cmnd",
        Reason.ID_PASSPORT_LIKE: ids["id_kind"] == "passport",
        Reason.CCCD_PROVINCE_UNKNOWN: checks["cccd_province_unknown"],
        Reason.CCCD_CENTURY_DIGIT_INCONSISTENT: checks["cccd_century_bad"],
        Reason.CCCD_GENDER_DIGIT_INCONSISTENT: checks["cccd_gender_bad"],
        Reason.CCCD_YEAR_DIGITS_INCONSISTENT: checks["cccd_year_bad"] & ~checks["cccd_century_bad"],
        Reason.GENDER_MISSING: (out["gender"] == "") & ~gender["gender_bad"],
        Reason.GENDER_UNRECOGNISED: gender["gender_bad"],
        Reason.NATIONALITY_FOREIGN: nat["foreign"],
        Reason.PASSPORT_WITHOUT_NATIONALITY: passport_no_nat & ~ids["id_notation"],
        Reason.PASSPORT_NOTATION: ids["id_notation"],
        Reason.NATIONALITY_IN_NOTE: in_note,
        Reason.QR_INVALID: qr_bad,
        Reason.QR_FILLED_FIELDS: qr["qr_filled"],
        Reason.QR_DISAGREES: _qr_disagrees(typed, qr, today),
    }
    out["norm_reasons"] = join_reasons(masks, out.index)
    return out.drop(columns=["name_repaired"])

"""The frames behind each list's documents (vectorised).

Station-facing frames (verified, corrections, non-citizens) show only the listed person and what
to supply or correct; candidates, probabilities and the police's own checks go to the police frame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vaxrecon.normalize.text import fold_series
from vaxrecon.reasons import Reason, Status, has_reason, labels
from vaxrecon.text import fill, t

VERIFIED_COLUMNS = [
    "seq",
    "registered_name",
    "registered_dob",
    "registered_gender",
    "person_id",
    "village",
    "phone",
    "dose",
    "status",
    "note",
    "where",
]
CORRECTION_COLUMNS = [
    "seq",
    "village",
    "listed_name",
    "listed_dob",
    "listed_gender",
    "listed_id",
    "phone",
    "status",
    "request",
    "where",
]
NON_CITIZEN_COLUMNS = [
    "seq",
    "listed_name",
    "listed_dob",
    "listed_gender",
    "nationality",
    "id_document",
    "village",
    "phone",
    "where",
]
POLICE_COLUMNS = [
    "seq",
    "where",
    "listed_name",
    "listed_dob",
    "listed_gender",
    "listed_id",
    "village",
    "status",
    "reasons",
    "probability",
    "candidates",
    "police_check",
]
# Reasons that speak of other people or of the police's judgement: never in a station document.
POLICE_ONLY_REASONS = (
    Reason.AMBIGUOUS_CANDIDATES,
    Reason.WEAK_EVIDENCE,
    Reason.CANDIDATE_SHARED,
    Reason.ID_BELONGS_TO_OTHER_PERSON,
)
_REQUESTS = [
    (
        (
            Reason.NAME_DIFFERS,
            Reason.NAME_MARKS_DIFFER,
            Reason.NAME_MIDDLE_DROPPED,
            Reason.NAME_ORDER_DIFFERS,
        ),
        "req.name",
        "listed_name",
        "registered_name",
    ),
    (
        (
            Reason.DOB_DIFFERS,
            Reason.DOB_DAY_MONTH_SWAPPED,
            Reason.DOB_DIGIT_DIFFERS,
            Reason.DOB_MISSING,
            Reason.DOB_YEAR_ONLY,
            Reason.DOB_INVALID,
        ),
        "req.dob",
        "listed_dob",
        "registered_dob",
    ),
    (
        (Reason.GENDER_DIFFERS, Reason.GENDER_MISSING, Reason.GENDER_UNRECOGNISED),
        "req.gender",
        "shown_gender",
        "registered_gender_shown",
    ),
    (
        (
            Reason.ID_DIFFERS,
            Reason.ID_MISSING,
            Reason.ID_IS_OLD_CMND,
            Reason.ID_SCIENTIFIC_NOTATION,
            Reason.ID_MALFORMED,
        ),
        "req.id",
        "listed_id",
        "person_id",
    ),
]


def _any_reason(codes: pd.Series, reasons: tuple[Reason, ...]) -> np.ndarray:
    """Which ';'-separated code strings hold any of ``reasons`` (decided once per distinct string)."""
    wanted = {r.value for r in reasons}
    hit = {u: not wanted.isdisjoint(str(u).split(";")) for u in codes.unique()}
    return codes.map(hit).to_numpy(dtype=bool)


def _labels(codes: pd.Series, lang: str, hidden: tuple[Reason, ...] = ()) -> pd.Series:
    """'; '-joined labels of the codes (without ``hidden``), computed once per distinct string."""
    drop = {r.value for r in hidden}
    uniq = pd.Series(codes.unique())
    mapped = uniq.map(lambda s: labels(";".join(c for c in s.split(";") if c not in drop), lang))
    return codes.map(dict(zip(uniq, mapped, strict=True))).fillna("").astype(str)


def _where(df: pd.DataFrame, lang: str) -> pd.Series:
    return fill("doc.where", lang, sheet=df["sheet"].astype(str), row=df["row"].astype(str))


def duplicate_text(df: pd.DataFrame, lang: str) -> pd.Series:
    """'file|sheet|row' pointers as people read them: the sheet and row, and the file when it is
    another list's."""
    parts = df["duplicate_of"].fillna("").str.split("|", n=2, expand=True).reindex(columns=[0, 1, 2])
    parts = parts.astype(object).fillna("")
    same = fill("doc.where", lang, sheet=parts[1], row=parts[2])
    other = fill("doc.where_other_file", lang, file=parts[0], sheet=parts[1], row=parts[2])
    text = same.where(parts[0] == df["source"], other)
    return text.where(df["duplicate_of"].fillna("") != "", "")


def annotate(results: pd.DataFrame, lang: str, gender_codes: dict[str, str] | None = None) -> pd.DataFrame:
    """Add the labels every document uses: status, reasons (all, and the station's), place in the
    list, duplicate pointer, genders as the list wrote them (its own 0/1 codes included), and what
    the station is asked to supply or correct (``request``)."""
    df = results.copy()
    names = {"M": t("gender.M", lang), "F": t("gender.F", lang)}
    df["registered_gender"] = df["registered_gender"].map(names).fillna("")
    listed = df["listed_gender"].fillna("").astype(str).str.strip()
    df["shown_gender"] = listed.where(listed != "", df["gender"].map(names).fillna(""))
    code_of = {g: c for c, g in (gender_codes or {}).items()}
    as_code = listed.isin(list(gender_codes or {}))
    code = results["registered_gender"].map(code_of).astype(object).fillna("")
    coded = code + " (" + df["registered_gender"] + ")"
    df["registered_gender_shown"] = df["registered_gender"].where(
        ~as_code | (df["registered_gender"] == ""), coded
    )
    df["status_label"] = df["status"].map(lambda s: Status(s).label(lang))
    df["where"] = _where(df, lang)
    df["reason_labels"] = _labels(df["reasons"], lang)
    df["station_reasons"] = _labels(df["reasons"], lang, POLICE_ONLY_REASONS)
    df["duplicate_text"] = duplicate_text(df, lang)
    df["request"] = request_text(df, lang)
    return df


def _join(parts: list[pd.Series]) -> pd.Series:
    joined = parts[0]
    for p in parts[1:]:
        joined = joined + np.where((joined != "") & (p != ""), "; ", "") + p
    return joined


def request_text(df: pd.DataFrame, lang: str) -> pd.Series:
    """What the station is asked to supply or correct, in plain words, for an annotated frame."""
    status, reasons = df["status"], df["reasons"]
    unknown = t("req.unknown_value", lang)
    parts = []
    for codes, key, listed, registered in _REQUESTS:
        hit = _any_reason(reasons, codes) & (status == Status.NEEDS_CORRECTION) & (df[registered] != "")
        shown = df[listed].fillna("").replace("", unknown)
        text = t(key, lang) + ": " + shown + " → " + df[registered]
        parts.append(pd.Series(np.where(hit, text, ""), index=df.index))
    missing = pd.Series("", index=df.index)
    for reason, key in [
        (Reason.NAME_MISSING, "req.name"),
        (Reason.DOB_MISSING, "req.dob"),
        (Reason.DOB_INVALID, "req.dob"),
        (Reason.ID_MISSING, "req.id"),
    ]:
        add = _any_reason(reasons, (reason,)) & ~missing.str.contains(t(key, lang), regex=False)
        missing = missing + np.where(add, t(key, lang).lower() + ", ", "")
    parts.append(
        pd.Series(
            np.where(
                (status == Status.INCOMPLETE) & (missing != ""),
                t("req.missing", lang) + ": " + missing.str.rstrip(", "),
                "",
            ),
            index=df.index,
        )
    )
    parts.append(
        pd.Series(np.where(status == Status.NOT_FOUND, t("req.not_found", lang), ""), index=df.index)
    )
    no_id = df["id_kind"].isin(["missing", "unusable", "malformed", "cmnd"])
    vague_dob = df["dob"].fillna("").str.len() < 10
    what = _join(
        [
            pd.Series(np.where(no_id, t("req.review_id", lang), ""), index=df.index),
            pd.Series(np.where(vague_dob, t("req.review_dob", lang), ""), index=df.index),
        ]
    )
    what = what.where(what != "", t("req.review_card", lang))
    parts.append(
        pd.Series(
            np.where(
                status == Status.REVIEW, fill("req.review", lang, what=what.str.replace("; ", ", ")), ""
            ),
            index=df.index,
        )
    )
    dup = df["duplicate_text"] != ""
    parts.append(
        pd.Series(np.where(dup, fill("req.duplicate", lang, where=df["duplicate_text"]), ""), index=df.index)
    )
    return _join(parts)


def _sort_by_name(df: pd.DataFrame) -> pd.DataFrame:
    """Vietnamese order: given name, then family, then middle (folded)."""
    tokens = fold_series(df["name"].fillna("")).str.split(" ")
    keys = pd.DataFrame(
        {"_g": tokens.str[-1], "_f": tokens.str[0], "_m": tokens.str[1:-1].str.join(" ")}, index=df.index
    ).fillna("")
    return df.join(keys).sort_values(["_g", "_f", "_m"], kind="stable").drop(columns=list(keys))


def _numbered(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    df = df.copy()
    df["seq"] = np.arange(1, len(df) + 1)
    return df[columns].reset_index(drop=True)


def verified_frame(ann: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The people confirmed, with their registered details (first occurrence of each only)."""
    df = ann[ann["status"].isin([Status.VERIFIED, Status.NEEDS_CORRECTION]) & (ann["duplicate_text"] == "")]
    df = df.assign(status=df["status_label"], note=df["request"])
    return _numbered(df, VERIFIED_COLUMNS)


def corrections_frame(ann: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows the station must complete, correct or remove, by village, then given name."""
    wanted = ann["status"].isin([Status.NEEDS_CORRECTION, Status.INCOMPLETE, Status.NOT_FOUND, Status.REVIEW])
    df = ann[wanted | (ann["duplicate_text"] != "")]
    df = df.assign(status=df["status_label"], listed_gender=df["shown_gender"])
    df = _sort_by_name(df).sort_values("village", kind="stable")
    return _numbered(df, CORRECTION_COLUMNS)


def non_citizens_frame(ann: pd.DataFrame, lang: str) -> pd.DataFrame:
    df = ann[(ann["status"] == Status.NON_CITIZEN) & (ann["duplicate_text"] == "")]
    return _numbered(
        df.assign(id_document=df["listed_id"], listed_gender=df["shown_gender"]), NON_CITIZEN_COLUMNS
    )


def police_frame(ann: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What only the police see: rows to check, every reason, the probability and the candidates."""
    other = has_reason(ann["reasons"], Reason.ID_BELONGS_TO_OTHER_PERSON)
    dup = ann["duplicate_text"] != ""
    wanted = ann["status"].isin([Status.REVIEW, Status.NOT_FOUND, Status.NEEDS_CORRECTION]) | other | dup
    df = ann[wanted]
    check = np.select(
        [df["status"] == Status.REVIEW, df["status"] == Status.NOT_FOUND, other[wanted], dup[wanted]],
        [
            t("police.review", lang),
            t("police.not_found", lang),
            t("police.id_other", lang),
            t("police.duplicate", lang),
        ],
        t("police.correction", lang),
    )
    prob = pd.to_numeric(df["match_probability"], errors="coerce")
    shown = (prob * 100).round(1).astype(str).str.replace(r"\.0$", "", regex=True) + "%"
    df = df.assign(
        status=df["status_label"],
        reasons=df["reason_labels"],
        police_check=check,
        probability=shown.where(prob.notna(), ""),
        listed_gender=df["shown_gender"],
    )
    return _numbered(df, POLICE_COLUMNS)

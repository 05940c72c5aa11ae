"""The frames behind verified.xlsx, corrections.xlsx and non_citizens.xlsx (vectorised)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vaxrecon.documents.labels import t
from vaxrecon.normalize.text import fold_series
from vaxrecon.reasons import Reason, Status, has_reason, labels

VERIFIED_COLUMNS = ["seq", "status", "listed_name", "listed_dob", "listed_gender", "listed_id",
                    "registered_name", "registered_dob", "registered_gender", "person_id", "village",
                    "dose", "phone", "reasons", "where"]
CORRECTION_COLUMNS = ["seq", "village", "listed_name", "listed_dob", "listed_id", "phone", "status",
                      "request", "candidates", "where"]
NON_CITIZEN_COLUMNS = ["seq", "listed_name", "listed_dob", "listed_gender", "nationality", "listed_id",
                       "village", "phone", "where"]


def _labels(codes: pd.Series, lang: str) -> pd.Series:
    """'; '-joined labels of the codes, computed once per distinct code string."""
    uniq = pd.Series(codes.unique())
    mapped = uniq.map(lambda s: labels(s, lang))
    return codes.map(dict(zip(uniq, mapped, strict=True))).fillna("").astype(str)


def annotate(results: pd.DataFrame, lang: str) -> pd.DataFrame:
    df = results.copy()
    gender = {"M": t("M", lang), "F": t("F", lang)}
    df["registered_gender"] = df["registered_gender"].map(gender).fillna("")
    df["status_label"] = df["status"].map(lambda s: Status(s).label(lang))
    df["where"] = df["source"] + " / " + df["sheet"] + " / " + df["row"].astype(str)
    df["reason_labels"] = _labels(df["reasons"], lang)
    return df


def _sort_by_name(df: pd.DataFrame) -> pd.DataFrame:
    """Vietnamese order: given name, then family, then middle (folded)."""
    tokens = fold_series(df["name"].fillna("")).str.split(" ")
    keys = pd.DataFrame({"_g": tokens.str[-1], "_f": tokens.str[0], "_m": tokens.str[1:-1].str.join(" ")},
                        index=df.index).fillna("")
    return df.join(keys).sort_values(["_g", "_f", "_m"], kind="stable").drop(columns=list(keys))


def verified_frame(results: pd.DataFrame, lang: str) -> pd.DataFrame:
    df = annotate(results[results["status"].isin([Status.VERIFIED, Status.NEEDS_CORRECTION])], lang)
    df["status"], df["reasons"] = df["status_label"], df["reason_labels"]
    df["seq"] = np.arange(1, len(df) + 1)
    return df[VERIFIED_COLUMNS]


def request_text(df: pd.DataFrame, lang: str) -> pd.Series:
    arrow = " → "
    parts = []
    for reasons, key, listed, registered in [
        ((Reason.NAME_DIFFERS, Reason.NAME_MARKS_DIFFER, Reason.NAME_MIDDLE_DROPPED,
          Reason.NAME_ORDER_DIFFERS), "req_name", "listed_name", "registered_name"),
        ((Reason.DOB_DIFFERS, Reason.DOB_DAY_MONTH_SWAPPED, Reason.DOB_DIGIT_DIFFERS,
          Reason.DOB_MISSING), "req_dob", "listed_dob", "registered_dob"),
        ((Reason.GENDER_DIFFERS,), "req_gender", "listed_gender", "registered_gender"),
        ((Reason.ID_DIFFERS, Reason.ID_MISSING, Reason.ID_IS_OLD_CMND), "req_id", "listed_id",
         "person_id"),
    ]:
        hit = np.logical_or.reduce([has_reason(df["reasons"], r) for r in reasons]) \
            & (df["status"] == Status.NEEDS_CORRECTION)
        shown = df[listed].replace("", "(" + t("unknown", lang) + ")")
        text = t(key, lang) + ": " + shown + arrow + df[registered]
        parts.append(pd.Series(np.where(hit, text, ""), index=df.index))
    missing = [(Reason.NAME_MISSING, "req_name"), (Reason.DOB_MISSING, "req_dob"),
               (Reason.ID_MISSING, "req_id")]
    miss_text = pd.Series("", index=df.index)
    for reason, key in missing:
        miss_text = miss_text + np.where(has_reason(df["reasons"], reason), t(key, lang) + ", ", "")
    parts.append(pd.Series(np.where((df["status"] == Status.INCOMPLETE) & (miss_text != ""),
                                    t("req_missing", lang) + ": " + miss_text.str.rstrip(", "), ""),
                           index=df.index))
    parts.append(pd.Series(np.where(df["status"] == Status.NOT_FOUND, t("req_bring_card", lang), ""),
                           index=df.index))
    parts.append(pd.Series(np.where(df["status"] == Status.REVIEW,
                                    t("req_review", lang) + ": " + df["reason_labels"], ""),
                           index=df.index))
    joined = parts[0]
    for p in parts[1:]:
        joined = joined + np.where((joined != "") & (p != ""), "; ", "") + p
    return joined


def corrections_frame(results: pd.DataFrame, lang: str) -> pd.DataFrame:
    wanted = [Status.NEEDS_CORRECTION, Status.INCOMPLETE, Status.NOT_FOUND, Status.REVIEW]
    df = annotate(results[results["status"].isin(wanted)], lang)
    df["request"] = request_text(df, lang)
    df["status"] = df["status_label"]
    df = _sort_by_name(df).sort_values("village", kind="stable")
    df["seq"] = np.arange(1, len(df) + 1)
    return df[CORRECTION_COLUMNS]


def non_citizens_frame(results: pd.DataFrame, lang: str) -> pd.DataFrame:
    df = annotate(results[results["status"] == Status.NON_CITIZEN], lang)
    df["seq"] = np.arange(1, len(df) + 1)
    return df[NON_CITIZEN_COLUMNS]

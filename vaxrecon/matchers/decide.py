"""Decide each list row's outcome from its scored candidates; a pure function over a block."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from vaxrecon.matchers.comparisons import COMPARISONS, LEVELS, matching_frame
from vaxrecon.matchers.foreign import foreign_name
from vaxrecon.matchers.index import ExtractIndex, IdLookup
from vaxrecon.matchers.scoring import Model, score_pairs
from vaxrecon.reasons import Reason, Status, join_reasons

STRONG_NAME = set(COMPARISONS["name"].where(agrees="strong"))
DOB_AGREES = set(COMPARISONS["dob"].where(agrees="strong"))
ID_AGREES = set(COMPARISONS["id"].where(agrees="strong"))


def _level_in(levels: pd.Series, field: str, names: set[str]) -> np.ndarray:
    codes = [LEVELS[field].index(n) for n in names]
    return np.isin(levels.to_numpy(), codes)


def _is(levels: pd.Series, field: str, name: str) -> np.ndarray:
    return levels.to_numpy() == LEVELS[field].index(name)


def _corroborated(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(safe to link, name and birth date agree) per candidate: at least two identity fields
    corroborate and the name is at least close."""
    strong = _level_in(frame["lv_name"], "name", STRONG_NAME)
    fuzzy = _is(frame["lv_name"], "name", "fuzzy_low")
    dob = _level_in(frame["lv_dob"], "dob", DOB_AGREES)
    ident = _level_in(frame["lv_id"], "id", ID_AGREES)
    return (strong & (dob | ident)) | (fuzzy & dob & ident), strong & dob


def _contradicted(scored: pd.DataFrame, best: pd.DataFrame, n: int) -> np.ndarray:
    """Rows whose best candidate leans on the ID while another candidate agrees on name and birth
    date: with a weak name, or — as when one twin is listed with the other's ID, their names
    differing by a mark — with the same full birth date and a closer name than the best's."""
    _, name_dob = _corroborated(scored)
    li = scored["li"].to_numpy()
    other = name_dob & (scored["ri"].to_numpy() != best["ri"].to_numpy()[li])
    has_other = np.zeros(n, dtype=bool)
    has_other[li[other]] = True
    same_day = other & _is(scored["lv_dob"], "dob", "exact")
    twin_name = np.full(n, 127, dtype=np.int16)  # the closest name level among those
    np.minimum.at(twin_name, li[same_day], scored["lv_name"].to_numpy()[same_day])
    best_day = _is(best["lv_dob"], "dob", "exact")
    by_id = _level_in(best["lv_id"], "id", ID_AGREES)
    weak_best = ~_level_in(best["lv_name"], "name", STRONG_NAME)
    return (has_other & weak_best) | (by_id & best_day & (twin_name < best["lv_name"].to_numpy()))


def _correction_masks(best: pd.DataFrame, rows: pd.DataFrame) -> dict[Reason, np.ndarray]:
    """Fields where the list differs from the registered record of the linked person."""
    lv = {f: best["lv_" + f] for f in LEVELS}
    folded_only = _is(lv["name"], "name", "folded")
    had_marks = rows["name_has_marks"].to_numpy()
    kind = rows["id_kind"].to_numpy()
    return {
        Reason.ID_DIFFERS: _level_in(lv["id"], "id", {"one_edit", "different", "relative"})
        | (_is(lv["id"], "id", "old_cmnd") & (kind == "cccd")),
        Reason.ID_MISSING: kind == "missing",  # an unusable or malformed ID has its own one reason
        Reason.ID_SCIENTIFIC_NOTATION: kind == "unusable",
        Reason.ID_MALFORMED: kind == "malformed",
        Reason.ID_IS_OLD_CMND: kind == "cmnd",
        Reason.NAME_MARKS_DIFFER: folded_only & had_marks,
        Reason.NAME_ORDER_DIFFERS: _is(lv["name"], "name", "reordered"),
        Reason.NAME_MIDDLE_DROPPED: _is(lv["name"], "name", "middle_dropped"),
        Reason.NAME_DIFFERS: _level_in(lv["name"], "name", {"token_typo", "fuzzy_high", "fuzzy_low"}),
        Reason.NAME_TYPO: _is(lv["name"], "name", "token_typo"),
        Reason.DOB_DAY_MONTH_SWAPPED: _is(lv["dob"], "dob", "swapped"),
        Reason.DOB_DIGIT_DIFFERS: _level_in(lv["dob"], "dob", {"one_digit", "year_off"}),
        Reason.DOB_DIFFERS: _is(lv["dob"], "dob", "different"),
        Reason.DOB_MISSING: _is(lv["dob"], "dob", "missing"),
        Reason.GENDER_DIFFERS: _is(lv["gender"], "gender", "disagree"),
    }


def ranked(scored: pd.DataFrame) -> np.ndarray:
    """The pairs' positions ordered by row, then most probable first, ties by personal ID (then as
    found), so the order does not depend on the order the pairs were found in."""
    li, prob = scored["li"].to_numpy(), scored["probability"].to_numpy()
    return np.lexsort((scored["pid_num"].to_numpy(), -prob, li))


def _candidates_text(scored: pd.DataFrame, order: np.ndarray, rows: np.ndarray, n: int) -> pd.Series:
    """'ID (p%)' of the three best candidates (``order``: :func:`ranked`), for the rows flagged in
    ``rows``."""
    chosen = order[rows[scored["li"].to_numpy()[order]]]
    top = scored[["li", "person_id", "probability"]].iloc[chosen].groupby("li").head(3)
    who = top["person_id"].where(top["person_id"] != "", "-")  # a record the extract holds without an ID
    text = who + " (" + (top["probability"] * 100).round(1).astype(str) + "%)"
    return text.groupby(top["li"]).agg("; ".join).reindex(range(n), fill_value="")


@dataclass
class BlockResult:
    """Outcomes (one per row, positional) and the scored candidate pairs behind them."""

    outcomes: pd.DataFrame
    scored: pd.DataFrame


def matchable_rows(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(foreign, incomplete, matchable) per normalised list row: only matchable rows are searched."""
    foreign = rows["foreign"].to_numpy()
    id_usable = rows["id_kind"].isin(["cccd", "cmnd"]).to_numpy()
    incomplete = (rows["name_fold"].to_numpy() == "") | (
        (rows["dob_precision"].to_numpy() == "") & ~id_usable
    )
    return foreign, incomplete, ~foreign & ~incomplete


def extract_flags(rows: pd.DataFrame, extract: pd.DataFrame, ids: IdLookup | None = None) -> pd.DataFrame:
    """Per list row, whether the extract holds the 12-digit ID it gives (``id_in_extract``) and
    the 9-digit CMND it gives (``cmnd_in_extract``), by hash lookups (``extract`` needs only
    ``person_id``, ``cmnd`` and ``id_conflict``; any rows holding those values suffice; ``ids``:
    its lookup, if built)."""
    ids = ids or IdLookup.of(extract)
    given_ids = rows["id_value"].where(rows["id_kind"] == "cccd", "").astype(object)
    return pd.DataFrame(
        {
            "id_in_extract": ids.has_id(given_ids) & (given_ids != "").to_numpy(),
            "cmnd_in_extract": ids.has_cmnd(rows["cmnd"]),
        }
    )


def match_block(
    rows: pd.DataFrame, extract: pd.DataFrame, model: Model, cfg: dict, index: ExtractIndex | None = None
) -> BlockResult:
    """Outcome for each row of a block of normalised list rows against an extract (positional).

    ``extract`` is the extract's :func:`matching_frame` — or any subset of it that holds every
    extract row sharing a blocking key or an ID with the rows; the function is pure, so blocks
    (say, partitions of a province) can be matched independently. ``index``: the extract's
    :class:`ExtractIndex`, built once when many blocks meet one extract. The stages: candidate
    pairs and their weights (:func:`score_pairs`), the ID lookups (:func:`extract_flags`), the
    decision (:func:`decide`).
    """
    index = index or ExtractIndex.of(extract, cfg["match"]["max_block_size"])
    rows = rows.reset_index(drop=True)
    matchable = matchable_rows(rows)[2]
    scored = score_pairs(matching_frame(rows[matchable].reset_index(drop=True)), extract, model, cfg, index)
    scored["li"] = np.flatnonzero(matchable)[scored["li"].to_numpy()]
    return decide(rows, scored, extract_flags(rows, extract, index.ids), model, cfg)


def decide(
    rows: pd.DataFrame, scored: pd.DataFrame, flags: pd.DataFrame, model: Model, cfg: dict
) -> BlockResult:
    """Each row's outcome from its scored candidate pairs (``li``: the row's position in ``rows``)
    and its :func:`extract_flags`: a function of the row and its own pairs alone."""
    rows = rows.reset_index(drop=True)
    n = len(rows)
    mcfg = cfg["match"]
    foreign, incomplete, matchable = matchable_rows(rows)
    order = ranked(scored)
    best = scored.iloc[order[_heads(scored["li"].to_numpy()[order])]].set_index("li").reindex(range(n))
    has_cand = best["probability"].notna().to_numpy()
    prob = best["probability"].fillna(0.0).to_numpy()
    for col in [c for c in best.columns if c.startswith("lv_")]:
        best[col] = best[col].fillna(COMPARISONS[col[3:]].null_index).astype(np.int8)
    contradicted = _contradicted(scored, best, n)
    safe = _corroborated(best)[0] & has_cand & ~contradicted
    linked = matchable & safe & (prob >= mcfg["link_threshold"])
    plausible = matchable & has_cand & (prob >= mcfg["review_threshold"]) & ~linked
    corrections = _correction_masks(best, rows)
    needs_fix = np.logical_or.reduce(list(corrections.values())) & linked
    unfound = matchable & ~linked & ~plausible
    cmnd_nobodys = (rows["id_kind"] == "cmnd").to_numpy() & ~flags["cmnd_in_extract"].to_numpy()
    named_foreign = unfound & foreign_name(rows["name_fold"], model.tokens, rows["id_kind"], cmnd_nobodys)
    maybe_foreign = unfound & (rows["maybe_foreign"].to_numpy() | named_foreign)
    status = np.select(
        [foreign, incomplete, linked & ~needs_fix, linked, plausible, maybe_foreign],
        [
            Status.NON_CITIZEN,
            Status.INCOMPLETE,
            Status.VERIFIED,
            Status.NEEDS_CORRECTION,
            Status.REVIEW,
            Status.NON_CITIZEN,
        ],
        Status.NOT_FOUND,
    ).astype(object)
    given_ids = rows["id_value"].where(rows["id_kind"] == "cccd", "").astype(object)
    in_extract = flags["id_in_extract"].to_numpy()
    best_pid = best["person_id"].fillna("").to_numpy()
    masks = {k: v & (linked | plausible) for k, v in corrections.items()}
    name_close = _level_in(best["lv_name"], "name", STRONG_NAME)
    close = _second_close(scored["li"].to_numpy()[order], scored["probability"].to_numpy()[order], n)
    masks.update(
        {
            Reason.NOT_VERIFIED_NON_CITIZEN: status == Status.NON_CITIZEN,
            Reason.TOO_LITTLE_TO_SEARCH: incomplete & ~foreign,
            Reason.ID_BELONGS_TO_OTHER_PERSON: in_extract
            & ~((linked | plausible) & (best_pid == given_ids.to_numpy()) & name_close & ~contradicted),
            Reason.ID_NOT_IN_POPULATION: matchable & (given_ids != "").to_numpy() & ~in_extract,
            Reason.AMBIGUOUS_CANDIDATES: plausible & close,
            Reason.WEAK_EVIDENCE: plausible & ~close,
            Reason.NO_CANDIDATE: unfound,
            Reason.ID_BELONGS_TO_RELATIVE: (linked | plausible) & _is(best["lv_id"], "id", "relative"),
            # where people live now is no identity field: said, not asked to be corrected
            Reason.VILLAGE_DIFFERS: (linked | plausible) & _is(best["lv_village"], "village", "disagree"),
            Reason.NAME_NOT_VIETNAMESE: maybe_foreign & named_foreign,
        }
    )
    out = pd.DataFrame(
        {
            "status": status,
            "person_id": np.where(linked, best_pid, ""),
            "match_probability": np.round(prob, 6),
            "match_reasons": join_reasons(masks, rows.index),
            "candidates": _candidates_text(scored, order, plausible, n).to_numpy(),
            "best_person_id": best_pid,
        }
    )
    return BlockResult(outcomes=out, scored=scored)


def _second_close(li: np.ndarray, prob: np.ndarray, n: int) -> np.ndarray:
    """Rows whose runner-up candidate has at least a tenth of the best one's probability (``li``,
    ``prob``: of the pairs in :func:`ranked` order)."""
    heads = _heads(li)
    second = np.flatnonzero(~heads & np.r_[False, heads[:-1]])
    ratio = np.zeros(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio[li[second]] = prob[second] / prob[second - 1]
    return ratio >= 0.1


def _heads(li: np.ndarray) -> np.ndarray:
    """The first pair of each row in pairs sorted by row."""
    return np.r_[True, li[1:] != li[:-1]] if len(li) else np.zeros(0, dtype=bool)

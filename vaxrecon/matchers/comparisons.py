"""Comparisons defined once, as data (after Splink's Comparison/ComparisonLevel): each field's
ordered levels, each with its condition, whether it is the null level, whether it corroborates an
identity ("strong"/"weak") and whether its weight uses the name's term frequency. Everything else
(level names, null and agreement sets, the m values a configuration must give) derives from
:data:`COMPARISONS`. A pair takes the first level whose condition holds, in the order listed; a
level without a condition is the "else" level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

# The columns comparisons read; `matching_frame` makes them plain numpy-backed object/int columns.
MATCH_COLUMNS = [
    "id_kind",
    "id_value",
    "person_id",
    "cmnd",
    "name_lower",
    "name_key",
    "name_fold",
    "name_nospace",
    "name_telex",
    "family",
    "middle",
    "given",
    "name_sorted",
    "dob_y",
    "dob_m",
    "dob_d",
    "dob_precision",
    "gender",
    "commune_code",
    "village_key",
    "holder_commune",
    "holder_village",
    "id_conflict",
]
# Telex keys left in a syllable when the input method was off (nguyeenx, tuaans, dduwowng).
_TELEX = [(r"([aeo])\1", r"\1"), (r"([aou])w", r"\1"), (r"dd", "d"), (r"([a-z]{2,})[sfrxj](?= |$)", r"\1")]


def id_number(values: pd.Series, width: int = 12) -> np.ndarray:
    """Each value of exactly ``width`` digits as an integer; -1 for any other value."""
    ok = (values.str.len() == width) & values.str.isdigit()
    return pd.to_numeric(values.where(ok, ""), errors="coerce").fillna(-1).astype(np.int64).to_numpy()


def text_code(values: pd.Series | np.ndarray) -> np.ndarray:
    """A stable integer per text value (a 62-bit hash, never 0); empty text gets 0 — the same for a
    value whichever frame, partition or machine codes it. Distinct texts collide with chance about
    n²/2^63: for 10^8 distinct names, about one in a thousand runs would join one extra pair."""
    text = np.asarray(values, dtype=object)
    missing = pd.isna(text)
    if missing.any():
        text = np.where(missing, "", text)
    codes = (pd.util.hash_array(text, categorize=True) >> np.uint64(2)).astype(np.int64) + 1
    codes[text == ""] = 0
    return codes


def code_of(text: str) -> int:
    """:func:`text_code` of one value."""
    return int(text_code(np.array([text], dtype=object))[0])


def _distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(code per row, the distinct values as text: "" for a missing one) of a column."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = pd.Series(np.append(np.asarray(uniques.astype(str), dtype=object), ""), dtype=object)
    return np.where(codes < 0, len(text) - 1, codes), text


def _telex_free(fold: pd.Series) -> pd.Series:
    for pattern, repl in _TELEX:
        fold = fold.str.replace(pattern, repl, regex=True)
    return fold


_DERIVED = {  # column: (source column, function of its text, applied to each distinct value)
    "name_lower": ("name", lambda s: s.str.lower()),
    "name_nospace": ("name_fold", lambda s: s.str.replace(" ", "", regex=False)),
    "name_telex": ("name_fold", _telex_free),
}


def matching_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The comparison columns as numpy object/int arrays, so taking pairs and testing equality is
    cheap (Arrow-backed strings are slow to gather millions of times), each distinct text one
    shared Python string (a string per cell costs ~0.45 GB more for a 600k-person extract, kept by
    every worker too); and the 12-digit ID given (``id_num``, for a CCCD) and held (``pid_num``) as
    numbers (-1: none). Apply it once per frame."""
    out = {}
    for col in MATCH_COLUMNS:
        source, derive = _DERIVED.get(col, (col, None))
        if col.startswith("dob_") and col != "dob_precision":
            out[col] = pd.Series(df[col].to_numpy(dtype=np.int64))
        elif col == "id_conflict":
            src = df[col] if col in df.columns else pd.Series(False, index=df.index)
            out[col] = pd.Series(src.fillna(False).to_numpy(dtype=bool))
        elif source not in df.columns:
            out[col] = pd.Series(np.full(len(df), "", dtype=object), dtype=object)
        else:
            codes, text = _distinct(df[source])
            if derive is not None:
                text = derive(text).fillna("")
            out[col] = pd.Series(text.to_numpy(dtype=object)[codes], dtype=object)
    frame = pd.DataFrame(out)
    frame["id_num"] = id_number(frame["id_value"].where(frame["id_kind"] == "cccd", ""))
    frame["pid_num"] = id_number(frame["person_id"])
    return frame


# Text columns conditions test for equality or blankness only: they are compared as text codes
# (IDs are compared as numbers, birth-date parts and the shared-ID flag are numbers already).
_NUMBERS = ("id_value", "person_id", "dob_y", "dob_m", "dob_d", "id_conflict")
CODED = [c for c in MATCH_COLUMNS if c not in _NUMBERS]


class Pairs:
    """Candidate pairs — row ``li[i]`` of ``left`` against row ``ri[i]`` of ``right`` — with each
    column a condition reads gathered, and the derived arrays level conditions share computed, once
    when first asked for. Equality and blankness of text are tested on :func:`text_code` s
    (integers: cheap to gather and compare, and gathering them does not touch the strings, which
    forked workers share with their parent); ``codes``: the right frame's code columns, if kept
    (else each side's are computed when first needed)."""

    def __init__(
        self,
        left: pd.DataFrame,
        right: pd.DataFrame,
        li: np.ndarray,
        ri: np.ndarray,
        codes: dict[str, np.ndarray] | None = None,
        *,
        _whole: dict[str, dict[str, np.ndarray]] | None = None,
    ):
        self.sides, self.n = {"l": (left, li), "r": (right, ri)}, len(li)
        self._whole = _whole or {"l": {}, "r": dict(codes or {})}  # code columns of whole frames
        self._columns: dict[tuple[str, str], np.ndarray] = {}

    def _side(self, side: str, col: str) -> np.ndarray:
        if (side, col) not in self._columns:
            frame, at = self.sides[side]
            self._columns[side, col] = frame[col].to_numpy()[at]
        return self._columns[side, col]

    def code(self, side: str, col: str) -> np.ndarray:
        """Text codes of ``col`` (numbers as they are) on ``side`` ("l" or "r")."""
        if (side, "#" + col) not in self._columns:
            frame, at = self.sides[side]
            whole = self._whole[side]
            if col not in whole:
                values = frame[col]
                whole[col] = values.to_numpy() if values.dtype.kind in "iub" else text_code(values)
            self._columns[side, "#" + col] = whole[col][at]
        return self._columns[side, "#" + col]

    def subset(self, at: np.ndarray) -> Pairs:
        """The pairs at positions ``at``."""
        (left, li), (right, ri) = self.sides["l"], self.sides["r"]
        return Pairs(left, right, li[at], ri[at], _whole=self._whole)

    def _texts(self, side: str, col: str, at: np.ndarray) -> np.ndarray:
        """``col`` on ``side`` at pair positions ``at`` only."""
        frame, rows = self.sides[side]
        return frame[col].to_numpy()[rows[at]]

    def l(self, col: str) -> np.ndarray:  # noqa: E743 - left column
        return self._side("l", col)

    def r(self, col: str) -> np.ndarray:
        return self._side("r", col)

    def same(self, col: str, right_col: str | None = None) -> np.ndarray:
        """Left ``col`` equals right ``right_col`` (default: the same column)."""
        return self.code("l", col) == self.code("r", right_col or col)

    def blank(self, side: str, col: str) -> np.ndarray:
        return self.code(side, col) == 0

    def either_blank(self, col: str) -> np.ndarray:
        return self.blank("l", col) | self.blank("r", col)

    def is_in(self, side: str, col: str, *texts: str) -> np.ndarray:
        """``col`` on ``side`` is one of ``texts``."""
        codes = self.code(side, col)
        return np.logical_or.reduce([codes == code_of(t) for t in texts])

    @property
    def same_id(self) -> np.ndarray:
        """The 12-digit ID given is the candidate's personal ID."""
        return (self.l("id_num") == self.r("pid_num")) & (self.l("id_num") >= 0)

    def distance(
        self, col: str, scorer: Callable, at: np.ndarray | None = None, cutoff: float | None = None
    ) -> np.ndarray:
        """rapidfuzz ``scorer`` of ``col``'s texts for the pairs at positions ``at`` (default all),
        texts gathered there only; ``cutoff``: its ``score_cutoff``, beyond which it may stop."""
        at = np.arange(self.n) if at is None else at
        if not len(at):
            return np.zeros(0)
        a, b = self._texts("l", col, at).tolist(), self._texts("r", col, at).tolist()
        return process.cpdist(a, b, scorer=scorer, workers=-1, score_cutoff=cutoff)

    @cached_property
    def token_typo(self) -> np.ndarray:
        """One name part (family, middle or given) one slip away — a dropped, changed or swapped
        letter in a part of 3+ letters — the others equal, or a middle name dropped as well;
        or the same name once Telex keys typed with the input method off are removed."""
        parts = ("family", "middle", "given")
        equal = {p: self.same(p) for p in parts}
        others = {p: np.logical_and.reduce([equal[q] for q in parts if q != p]) for p in parts}
        dropped = (
            (self.blank("l", "middle") ^ self.blank("r", "middle"))
            & equal["family"]
            & ~self.blank("l", "family")
        )
        one_slip = np.zeros(self.n, dtype=bool)
        for p in parts:  # each part compared only where the rest of the name allows a typo
            one_slip |= self._slip(p, others[p] | (dropped if p == "given" else False))
        return one_slip | (self.same("name_telex") & ~self.blank("l", "name_telex"))

    def _slip(self, part: str, where: np.ndarray) -> np.ndarray:
        """Pairs (among ``where``) whose ``part`` is one slip away, both of 3+ letters."""
        out = np.zeros(self.n, dtype=bool)
        at = np.flatnonzero(where)
        if len(at):
            a, b = self._texts("l", part, at), self._texts("r", part, at)
            one = process.cpdist(a.tolist(), b.tolist(), scorer=OSA.distance, workers=-1, score_cutoff=1) == 1
            out[at] = one & (np.minimum(pd.Series(a).str.len(), pd.Series(b).str.len()).to_numpy() >= 3)
        return out

    @cached_property
    def dob_digit_diff(self) -> np.ndarray:
        lnum = self.l("dob_d") * 1_000_000 + self.l("dob_m") * 10_000 + self.l("dob_y")
        rnum = self.r("dob_d") * 1_000_000 + self.r("dob_m") * 10_000 + self.r("dob_y")
        return sum(((lnum // 10**k) % 10 != (rnum // 10**k) % 10).astype(int) for k in range(8))

    @cached_property
    def both_day(self) -> np.ndarray:
        return self.is_in("l", "dob_precision", "day") & self.is_in("r", "dob_precision", "day")


Condition = Callable[[Pairs], np.ndarray]


@dataclass(frozen=True)
class ComparisonLevel:
    """One level: its name, the condition a pair must meet (None: every pair left), whether it is
    the null level (no evidence, weight 0), how it corroborates identity, whether the name's term
    frequency replaces its u."""

    name: str
    condition: Condition | None = None
    null: bool = False
    agrees: str = ""  # "strong", "weak" or "" (does not corroborate)
    tf: bool = False


@dataclass(frozen=True)
class Comparison:
    """A field's levels in evaluation order."""

    field: str
    levels: tuple[ComparisonLevel, ...]

    @property
    def names(self) -> list[str]:
        return [lv.name for lv in self.levels]

    @property
    def null_index(self) -> int:
        return next(i for i, lv in enumerate(self.levels) if lv.null)

    def index(self, name: str) -> int:
        return self.names.index(name)

    def where(self, **flags: object) -> list[str]:
        """Names of the levels whose attributes equal ``flags`` (e.g. ``agrees="strong"``)."""
        return [lv.name for lv in self.levels if all(getattr(lv, k) == v for k, v in flags.items())]

    def compute(self, pairs: Pairs) -> np.ndarray:
        """Level index per pair: the first level whose condition holds, each condition evaluated
        only on the pairs no earlier level took (most pairs never reach the costly fuzzy ones)."""
        out = np.full(pairs.n, -1, dtype=np.int8)
        for i, level in enumerate(self.levels):
            todo = np.flatnonzero(out == -1)
            if not len(todo):
                break
            if level.condition is None:
                out[todo] = i
                continue
            view = pairs if len(todo) == pairs.n else pairs.subset(todo)
            out[todo[np.asarray(level.condition(view), dtype=bool)]] = i
        return out


def one_edit(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where two 12-digit numbers (-1: none) differ by one substitution or one adjacent
    transposition of their digits."""
    out = np.zeros(len(a), dtype=bool)
    diff = np.abs(a - b)
    # Necessary: a substitution changes the number by k·10^p, a transposition by 9·k·10^p (k < 10).
    scale = 10 ** np.floor(np.log10(np.maximum(diff, 1))).astype(np.int64)
    below = np.maximum(scale // 10, 1)
    ok = (a >= 0) & (b >= 0) & (diff > 0)
    ok &= (diff % scale == 0) | ((diff % below == 0) & ((diff // below) % 9 == 0))
    if not ok.any():
        return out
    x, y = a[ok], b[ok]
    dx = [(x // 10**k % 10).astype(np.int8) for k in range(12)]
    dy = [(y // 10**k % 10).astype(np.int8) for k in range(12)]
    diffs = [u != v for u, v in zip(dx, dy, strict=True)]
    count = np.sum(diffs, axis=0)
    swap = np.logical_or.reduce(
        [diffs[k] & diffs[k + 1] & (dx[k] == dy[k + 1]) & (dx[k + 1] == dy[k]) for k in range(11)]
    )
    out[ok] = (count == 1) | ((count == 2) & swap)
    return out


def _cccd(p: Pairs) -> np.ndarray:
    return p.is_in("l", "id_kind", "cccd")


_SLACK = 1e-6  # a similarity cutoff's margin: rapidfuzz may drop a score equal to its cutoff


def _fuzzy_high(p: Pairs) -> np.ndarray:
    """Folded names without spaces (joined and spaced names compare alike) one edit apart, or two
    with given names close."""
    lev = p.distance("name_nospace", Levenshtein.distance, cutoff=2)  # 3: more than two
    out = lev <= 1
    two = np.flatnonzero(lev == 2)
    out[two] = p.distance("given", JaroWinkler.normalized_similarity, two) >= 0.9
    return out


def _fuzzy_low(p: Pairs) -> np.ndarray:
    """Given names and whole names (without spaces) similar (Jaro–Winkler)."""
    jw = JaroWinkler.normalized_similarity
    close = np.flatnonzero(p.distance("given", jw, cutoff=0.8 - _SLACK) >= 0.8)  # 0: far below
    out = np.zeros(p.n, dtype=bool)
    out[close] = p.distance("name_nospace", jw, close, cutoff=0.88 - _SLACK) >= 0.88
    return out


def _relative_id(p: Pairs) -> np.ndarray:
    """The listed ID is another person's of the extract living at the candidate's address."""
    return (
        _cccd(p)
        & ~p.blank("l", "holder_commune")
        & p.same("holder_commune", "commune_code")
        & ~p.blank("l", "holder_village")
        & p.same("holder_village", "village_key")
    )


def _simple(field: str, column: str, tf: bool = False) -> Comparison:
    return Comparison(
        field,
        (
            ComparisonLevel("missing", lambda p: p.either_blank(column), null=True),
            ComparisonLevel("agree", lambda p: p.same(column), agrees="strong", tf=tf),
            ComparisonLevel("disagree"),
        ),
    )


COMPARISONS: dict[str, Comparison] = {
    c.field: c
    for c in (
        Comparison(
            "id",
            (
                # An ID several people of the extract share says nothing about which of them is listed.
                ComparisonLevel(
                    "missing",
                    lambda p: (
                        ~p.is_in("l", "id_kind", "cccd", "cmnd")
                        | (p.is_in("l", "id_kind", "cmnd") & p.blank("r", "cmnd"))
                        | p.r("id_conflict")
                    ),
                    null=True,
                ),
                ComparisonLevel("exact", lambda p: _cccd(p) & p.same_id, agrees="strong"),
                ComparisonLevel(
                    "one_edit",
                    lambda p: one_edit(p.l("id_num"), p.r("pid_num")),
                    agrees="strong",
                ),
                ComparisonLevel(
                    "old_cmnd", lambda p: ~p.blank("l", "cmnd") & p.same("cmnd"), agrees="strong"
                ),
                ComparisonLevel("relative", _relative_id),
                ComparisonLevel("different"),
            ),
        ),
        Comparison(
            "name",
            (
                ComparisonLevel("missing", lambda p: p.blank("l", "name_fold"), null=True),
                ComparisonLevel("exact", lambda p: p.same("name_lower"), agrees="strong", tf=True),
                ComparisonLevel("tone", lambda p: p.same("name_key"), agrees="strong", tf=True),
                ComparisonLevel("folded", lambda p: p.same("name_fold"), agrees="strong", tf=True),
                ComparisonLevel(
                    "reordered", lambda p: p.same("name_sorted") | p.same("name_nospace"), agrees="strong"
                ),
                ComparisonLevel(
                    "middle_dropped",
                    lambda p: p.same("family") & p.same("given") & ~p.blank("l", "family"),
                    agrees="strong",
                ),
                ComparisonLevel("token_typo", lambda p: p.token_typo, agrees="strong"),
                ComparisonLevel("fuzzy_high", _fuzzy_high, agrees="strong"),
                ComparisonLevel("fuzzy_low", _fuzzy_low, agrees="weak"),
                ComparisonLevel("different"),
            ),
        ),
        Comparison(
            "dob",
            (
                ComparisonLevel("missing", lambda p: p.either_blank("dob_precision"), null=True),
                ComparisonLevel(
                    "exact",
                    lambda p: p.both_day & p.same("dob_y") & p.same("dob_m") & p.same("dob_d"),
                    agrees="strong",
                ),
                ComparisonLevel(
                    "swapped",
                    lambda p: (
                        p.both_day
                        & p.same("dob_y")
                        & (p.l("dob_m") == p.r("dob_d"))
                        & (p.l("dob_d") == p.r("dob_m"))
                    ),
                    agrees="strong",
                ),
                ComparisonLevel("one_digit", lambda p: p.both_day & (p.dob_digit_diff == 1), agrees="strong"),
                ComparisonLevel(
                    "year_only",
                    lambda p: (
                        (p.is_in("l", "dob_precision", "year") | p.is_in("r", "dob_precision", "year"))
                        & p.same("dob_y")
                    ),
                    agrees="strong",
                ),
                ComparisonLevel(
                    "year_off",
                    lambda p: (
                        p.both_day
                        & p.same("dob_m")
                        & p.same("dob_d")
                        & (np.abs(p.l("dob_y") - p.r("dob_y")) == 1)
                    ),
                    agrees="strong",
                ),
                ComparisonLevel("different"),
            ),
        ),
        _simple("gender", "gender"),
        _simple("commune", "commune_code", tf=True),  # u of "agree": the commune's share
        Comparison(
            "village",
            (  # a village name means something only within the same commune
                ComparisonLevel(
                    "missing",
                    lambda p: (
                        p.either_blank("village_key")
                        | p.either_blank("commune_code")
                        | ~p.same("commune_code")
                    ),
                    null=True,
                ),
                ComparisonLevel("agree", lambda p: p.same("village_key"), agrees="strong"),
                ComparisonLevel("disagree"),
            ),
        ),
    )
}

LEVELS: dict[str, list[str]] = {f: c.names for f, c in COMPARISONS.items()}
NULL_LEVELS: dict[str, str] = {f: c.levels[c.null_index].name for f, c in COMPARISONS.items()}


def compare(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Level index per field for aligned pairs (row i of ``left`` against row i of ``right``)."""
    at = np.arange(len(left))
    return compare_pairs(Pairs(left, right, at, at))


def compare_pairs(pairs: Pairs) -> pd.DataFrame:
    """Level index per field for each pair."""
    return pd.DataFrame({f: c.compute(pairs) for f, c in COMPARISONS.items()}, copy=False)

"""Fellegi–Sunter scoring: m from configuration (refinable by EM), u estimated from the extract
with term-frequency adjustment for names, and a posterior over each row's candidates."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from vaxrecon.errors import ConfigError
from vaxrecon.matchers.comparisons import (
    COMPARISONS,
    LEVELS,
    NULL_LEVELS,
    Pairs,
    compare,
    compare_pairs,
    matching_frame,
    text_code,
)
from vaxrecon.matchers.foreign import name_tokens
from vaxrecon.matchers.index import ExtractIndex, IdLookup

Weights = dict[str, np.ndarray]  # per-pair arrays by field (or by column)
TF_LEVELS = tuple(COMPARISONS["name"].where(tf=True))  # name levels whose u is the name's frequency


@dataclass
class Model:
    """Everything needed to turn comparison levels into match weights."""

    m: dict[str, np.ndarray]
    u: dict[str, np.ndarray]
    # Keyed by text codes (see text_code and pair_code): a pair's are looked up as integers.
    name_tf: pd.Series  # share of the extract with each folded name
    commune_tf: pd.Series  # share of a commune's people who are a namesake, by (commune, name)
    commune_share: pd.Series  # each commune's share of the extract
    tokens: pd.Index  # every word of the extract's names
    prior_log2: float
    u_floor: float
    m_year_agree: float  # P(the birth year agrees | same person) when the list gives a year only

    def year_only_weights(self) -> np.ndarray:
        """Birth-date weights for a list row that gives only a year: agree, differ, or missing."""
        u_same = float(
            np.clip(max(self.u["dob"][LEVELS["dob"].index("year_only")], self.u_floor), 1e-6, 1 - 1e-6)
        )
        w = np.zeros(len(LEVELS["dob"]))
        w[LEVELS["dob"].index("year_only")] = np.log2(self.m_year_agree / u_same)
        w[LEVELS["dob"].index("different")] = np.log2((1 - self.m_year_agree) / (1 - u_same))
        return w

    def level_weights(self, field: str, levels: list[str] | None = None) -> np.ndarray:
        """log2(m/u) per level, m and u renormalised over ``levels`` (the levels a pair can reach,
        default all); the null level weighs 0."""
        names = LEVELS[field]
        keep = np.isin(names, levels if levels is not None else names)
        m = np.where(keep, self.m[field], 0.0)
        u = np.where(keep, np.maximum(self.u[field], self.u_floor), 1.0)
        u = np.where(keep, u / u[keep].sum(), 1.0)
        with np.errstate(divide="ignore"):
            w = np.log2(m / m.sum() / u)
        w[names.index(NULL_LEVELS[field])] = 0.0
        return w


def m_from_config(cfg: dict) -> dict[str, np.ndarray]:
    m_cfg = cfg["match"]["m"]
    out = {}
    for field, levels in LEVELS.items():
        given = m_cfg.get(field, {})
        if set(given) != set(levels):
            raise ConfigError(f"match.m.{field} must give exactly these levels: {', '.join(levels)}.")
        arr = np.array([float(given[lv]) for lv in levels])
        if (arr <= 0).any():
            raise ConfigError(f"match.m.{field}: every m probability must be above 0.")
        out[field] = arr / arr.sum()
    return out


def u_sample(n: int, pairs: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j) of the random extract pairs u is estimated from (``n`` extract rows)."""
    rng = np.random.default_rng(seed)
    k = int(min(pairs, max(n * (n - 1), 1)))
    i, j = rng.integers(0, n, k), rng.integers(0, n, k)
    keep = i != j
    return i[keep], j[keep]


def u_from_pairs(left: pd.DataFrame, right: pd.DataFrame, n: int) -> tuple[dict[str, np.ndarray], float]:
    """u per level from aligned random pairs of an ``n``-row extract (:func:`u_sample`'s rows, as
    :func:`matching_frame` s), and a floor."""
    left = left.reset_index(drop=True)
    left = left.assign(holder_commune=left["commune_code"], holder_village=left["village_key"])
    right = right.reset_index(drop=True)
    levels = compare(left, right)
    total = max(len(levels), 1)
    u = {f: np.bincount(levels[f].to_numpy(), minlength=len(LEVELS[f])) / total for f in LEVELS}
    # An extract holds full dates, so year-only agreement never shows in its own pairs: its u is
    # the chance that two people share a birth year.
    same_year = (left["dob_y"].to_numpy() == right["dob_y"].to_numpy()) & (left["dob_y"].to_numpy() > 0)
    u["dob"][LEVELS["dob"].index("year_only")] = same_year.mean() if len(left) else 0.0
    # An ID value belongs to one person: a non-match agrees on it with chance 1/N (its frequency).
    for level in ("exact", "old_cmnd"):
        u["id"][LEVELS["id"].index(level)] = 1.0 / max(n, 1)
    floor = 1.0 / max(total, n, 1)
    return u, floor


def estimate_u(extract: pd.DataFrame, pairs: int, seed: int = 0) -> tuple[dict[str, np.ndarray], float]:
    """u per level from random pairs of extract rows (almost all non-matches); and a floor.
    ``extract`` is a :func:`matching_frame`."""
    i, j = u_sample(len(extract), pairs, seed)
    return u_from_pairs(extract.iloc[i], extract.iloc[j], len(extract))


@dataclass
class ExtractCounts:
    """What the model needs to know of a whole extract, summable over its partitions; names and
    communes by :func:`text_code`."""

    rows: int
    names: pd.Series  # people per folded name
    communes: pd.Series  # people per known commune code
    commune_names: pd.Series  # people per (commune, name), communes known
    tokens: pd.Index  # every word of the names

    @classmethod
    def of(cls, extract: pd.DataFrame) -> ExtractCounts:
        """The counts of one extract (or partition), a :func:`matching_frame`."""
        name, commune = text_code(extract["name_fold"]), text_code(extract["commune_code"])
        known = commune != 0
        return cls(
            rows=len(extract),
            names=pd.Series(name).value_counts(),
            communes=pd.Series(commune[known]).value_counts(),
            commune_names=pd.DataFrame({"commune": commune[known], "name": name[known]}).value_counts(),
            tokens=name_tokens(extract["name_fold"]),
        )

    def __add__(self, other: ExtractCounts) -> ExtractCounts:
        def add(a: pd.Series, b: pd.Series) -> pd.Series:
            return a.add(b, fill_value=0).astype(np.int64)

        return ExtractCounts(
            rows=self.rows + other.rows,
            names=add(self.names, other.names),
            communes=add(self.communes, other.communes),
            commune_names=add(self.commune_names, other.commune_names),
            tokens=self.tokens.union(other.tokens),
        )


def build_model(extract: pd.DataFrame, cfg: dict) -> Model:
    """m from config, u and name frequencies from ``extract`` (a :func:`matching_frame`)."""
    u, floor = estimate_u(extract, cfg["match"]["u_sample_pairs"])
    return model_from(ExtractCounts.of(extract), u, floor, cfg)


def model_from(counts: ExtractCounts, u: dict[str, np.ndarray], floor: float, cfg: dict) -> Model:
    """The model from an extract's counts and its u estimates (:func:`u_from_pairs`)."""
    mcfg = cfg["match"]
    n = max(counts.rows, 1)
    prior = mcfg["prior_in_extract"] / n
    return Model(
        m=m_from_config(cfg),
        u=u,
        name_tf=counts.names / counts.names.sum() if len(counts.names) else counts.names.astype(float),
        commune_tf=commune_name_tf(counts.commune_names, counts.communes),
        commune_share=counts.communes / n,
        tokens=counts.tokens,
        prior_log2=float(np.log2(prior / (1 - prior))),
        u_floor=floor,
        m_year_agree=mcfg["m_year_only_agree"],
    )


def commune_name_tf(commune_names: pd.Series, communes: pd.Series) -> pd.Series:
    """The share of a commune's people who are someone else of the same name (a namesake next
    door is what makes a name weak evidence), keyed by :func:`pair_code` of (commune, name), for
    names that have one; communes unknown are left out. From people counts per (commune, name)
    and per commune."""
    others = commune_names - 1
    others = others[others > 0]
    commune = others.index.get_level_values(0).to_numpy()
    share = others.to_numpy() / communes.reindex(commune).to_numpy()
    return _unique(pd.Series(share, index=pair_code(commune, others.index.get_level_values(1).to_numpy())))


def pair_code(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """One integer for a pair of text codes (a hash: collisions as rare as :func:`text_code` s')."""
    mixed = first.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + second.astype(np.uint64)
    return mixed.view(np.int64)


def _unique(shares: pd.Series) -> pd.Series:
    """``shares`` with a key that collided kept once (the first)."""
    return shares[~shares.index.duplicated()]


def _look_up(shares: pd.Series, codes: np.ndarray) -> np.ndarray:
    """The share of each code (NaN where none)."""
    at = shares.index.get_indexer(codes)
    values = np.append(shares.to_numpy(dtype=float), np.nan)  # position -1: NaN
    return values[at]


def pair_weights(levels: pd.DataFrame, right: Weights, model: Model, year_only_rows: np.ndarray) -> Weights:
    """Per-field match weights for each pair (``right``: the candidates' ``name_fold`` and
    ``commune_code`` as :func:`text_code` s), name levels term-frequency adjusted: by the name's
    share of the commune when the commune agrees, else of the whole extract."""
    out = {field: model.level_weights(field)[levels[field].to_numpy()] for field in LEVELS}
    # A list row with a birth year only can agree on the year or differ; other rows compare days.
    dob = levels["dob"].to_numpy()
    w_day = model.level_weights("dob", [lv for lv in LEVELS["dob"] if lv != "year_only"])
    out["dob"] = np.where(year_only_rows, model.year_only_weights()[dob], w_day[dob])
    _name_tf(out, levels, right, model)
    _commune_tf(out, levels, right, model)
    return out


def _name_tf(
    out: dict[str, np.ndarray], levels: pd.DataFrame, right: dict[str, np.ndarray], model: Model
) -> None:
    """Name levels that use term frequencies weigh log2(m / the name's share of the extract) — or,
    when the commune agrees and namesakes live in it, of the share of the commune's people they
    are, if that is larger."""
    name_lv = levels["name"].to_numpy()
    tf_rows = np.isin(name_lv, [LEVELS["name"].index(lv) for lv in TF_LEVELS])
    if not tf_rows.any():
        return
    names, communes = right["name_fold"][tf_rows], right["commune_code"][tf_rows]
    freq = np.nan_to_num(_look_up(model.name_tf, names), nan=model.u_floor)
    same_commune = levels["commune"].to_numpy()[tf_rows] == COMPARISONS["commune"].index("agree")
    local = np.where(communes != 0, _look_up(model.commune_tf, pair_code(communes, names)), np.nan)
    # A namesake in the commune makes the name weaker evidence than its province-wide share says.
    freq = np.where(same_commune, np.maximum(np.nan_to_num(local, nan=0.0), freq), freq)
    m = model.m["name"][name_lv[tf_rows]]
    out["name"][tf_rows] = np.log2(m / np.maximum(freq, model.u_floor))


def _commune_tf(
    out: dict[str, np.ndarray], levels: pd.DataFrame, right: dict[str, np.ndarray], model: Model
) -> None:
    """Agreeing on a commune weighs log2(m / that commune's share of the extract): a small
    commune is strong evidence (and its namesakes are counted within it, see :func:`_name_tf`)."""
    agree = levels["commune"].to_numpy() == COMPARISONS["commune"].index("agree")
    if not agree.any():
        return
    share = np.nan_to_num(_look_up(model.commune_share, right["commune_code"][agree]), nan=model.u_floor)
    m = model.m["commune"][COMPARISONS["commune"].index("agree")]
    out["commune"][agree] = np.log2(m / np.maximum(share, model.u_floor))


def with_id_holders(rows: pd.DataFrame, extract: pd.DataFrame, ids: IdLookup | None = None) -> pd.DataFrame:
    """The rows with the commune and village of the extract person whose ID each row gives
    (empty when the ID is nobody's, or several people's). ``ids``: the extract's lookup, if built."""
    pos = (ids or IdLookup.of(extract)).holder(rows["id_value"])
    found = (pos >= 0) & (rows["id_kind"].to_numpy() == "cccd")
    out = rows.copy()
    for side, col in (("holder_commune", "commune_code"), ("holder_village", "village_key")):
        values = extract[col].to_numpy(dtype=object)[np.where(found, pos, 0)] if len(extract) else ""
        out[side] = np.where(found, values, "")
    return out


def score_pairs(
    rows: pd.DataFrame, extract: pd.DataFrame, model: Model, cfg: dict, index: ExtractIndex | None = None
) -> pd.DataFrame:
    """Every candidate pair with its comparison levels, field weights, total and posterior.
    Both frames are :func:`matching_frame` s; ``li``/``ri`` are positions in them. ``index``: the
    extract's, when it is matched more than once."""
    index = index or ExtractIndex.of(extract, cfg["match"]["max_block_size"])
    rows = with_id_holders(rows, extract, index.ids)
    return weigh_pairs(index.blocks.pairs(rows), rows, extract, model, index.codes)


def weigh_pairs(
    pairs: pd.DataFrame,
    rows: pd.DataFrame,
    extract: pd.DataFrame,
    model: Model,
    codes: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Candidate pairs (``li``/``ri`` positions in ``rows`` — with their ID holders, see
    :func:`with_id_holders` — and ``extract``) with levels, weights, total and posterior
    (``codes``: the extract's text codes, if kept)."""
    view = Pairs(rows, extract, pairs["li"].to_numpy(), pairs["ri"].to_numpy(), codes)
    levels = compare_pairs(view)
    right = {col: view.code("r", col) for col in ("name_fold", "commune_code")}
    weights = pair_weights(levels, right, model, view.is_in("l", "dob_precision", "year"))
    weight = _total(weights) + model.prior_log2
    return pd.DataFrame(
        {
            **{col: pairs[col].array for col in pairs.columns},
            **{f"lv_{f}": levels[f].to_numpy() for f in LEVELS},
            **{f"w_{f}": weights[f] for f in LEVELS},
            "weight": weight,
            "probability": posterior(pairs["li"].to_numpy(), weight),
            "person_id": pd.Series(view.r("person_id"), dtype=object),  # as is: no string inference
            "pid_num": view.r("pid_num"),
        },
        copy=False,  # fresh arrays: not stacked into blocks
    )


def _total(weights: Weights) -> np.ndarray:
    """The fields' weights summed per pair."""
    return functools.reduce(np.add, weights.values())


def posterior(row_ids: np.ndarray, total_weight: np.ndarray) -> np.ndarray:
    """P(this candidate is the row's person) = 2^W / (1 + sum of 2^W over the row's candidates)."""
    if len(total_weight) == 0:
        return np.zeros(0)
    w = pd.Series(total_weight)
    top = w.groupby(row_ids).transform("max").clip(lower=0).to_numpy()
    scaled = np.exp2(total_weight - top)
    denom = pd.Series(scaled).groupby(row_ids).transform("sum").to_numpy() + np.exp2(-top)
    return scaled / denom


def train_m(
    levels: pd.DataFrame,
    right: dict[str, np.ndarray],
    year_only_rows: np.ndarray,
    model: Model,
    iterations: int,
) -> Model:
    """Refine m by expectation–maximisation over candidate pairs (u and the prior stay fixed;
    ``right`` as :func:`pair_weights` takes it)."""
    for _ in range(iterations):
        w = (
            np.sum(list(pair_weights(levels, right, model, year_only_rows).values()), axis=0)
            + model.prior_log2
        )
        p = 1.0 / (1.0 + np.exp2(-w))
        new_m = {}
        for field, names in LEVELS.items():
            counts = np.bincount(levels[field].to_numpy(), weights=p, minlength=len(names))
            counts = np.maximum(counts, 1e-4 * max(p.sum(), 1.0))
            new_m[field] = counts / counts.sum()
        model = dataclasses.replace(model, m=new_m)
    return model


def train_on_rows(
    rows: pd.DataFrame, extract: pd.DataFrame, model: Model, cfg: dict, index: ExtractIndex | None = None
) -> Model:
    """EM-refined m from the candidate pairs of normalised list ``rows`` (``extract``: a
    :func:`matching_frame`, ``index`` its index if built)."""
    scored = score_pairs(matching_frame(rows), extract, model, cfg, index)
    return train_on_scored(scored, rows, extract, model, cfg)


def train_on_scored(
    scored: pd.DataFrame, rows: pd.DataFrame, extract: pd.DataFrame, model: Model, cfg: dict
) -> Model:
    """EM-refined m from the scored candidate pairs of every one of ``rows`` (``ri``: positions in
    ``extract``)."""
    levels = scored[[f"lv_{f}" for f in LEVELS]].set_axis(list(LEVELS), axis=1).reset_index(drop=True)
    ri = scored["ri"].to_numpy()
    right = {col: text_code(extract[col].to_numpy()[ri]) for col in ("name_fold", "commune_code")}
    year_only = (rows["dob_precision"].to_numpy() == "year")[scored["li"].to_numpy()]
    return train_m(levels, right, year_only, model, cfg["match"]["em_iterations"])

"""The extract's side of matching, built once per extract: each blocking rule's keys sorted for
lookup, and hash indexes of its IDs. A block of list rows then costs in proportion to its own size
and its pairs, not to the extract's — which matters when many blocks (worker chunks, a campaign's
spans) meet one large extract. Built before workers fork, it is shared copy-on-write.

Results are those of the equi-joins in :mod:`~vaxrecon.matchers.blocking` (a test asserts it).
A rule over several columns looks its key up by one 64-bit hash of them: two different keys would
have to collide (chance about n²/2^64) for an extra pair — then compared like any other — to appear.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from vaxrecon.matchers.blocking import RULES, block_keys, distinct_pairs
from vaxrecon.matchers.comparisons import CODED, text_code


def _rule_key(keys: pd.DataFrame, cols: list[str]) -> np.ndarray:
    """One integer per row for the values of ``cols`` (the value itself for a one-column rule)."""
    if len(cols) == 1:
        return keys[cols[0]].to_numpy().astype(np.uint64)
    return pd.util.hash_pandas_object(keys[cols], index=False).to_numpy()


def _keyed(keys: pd.DataFrame, cols: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(positions of the rows that have every key of ``cols``, their rule keys)."""
    pos = np.flatnonzero((keys[cols].to_numpy() > 0).all(axis=1))
    return pos, _rule_key(keys.iloc[pos], cols)


def _lookup_index(values: pd.Series) -> pd.Index:
    """A hash index of the distinct non-empty values, its table built now (so forked workers share
    it rather than each building its own)."""
    distinct = pd.Index(np.asarray(values[values != ""].unique(), dtype=object))
    distinct.get_indexer(distinct[:1])
    return distinct


@dataclass(frozen=True)
class IdLookup:
    """Which IDs and CMNDs the extract holds, and the row holding each ID held by exactly one
    person (an ID several people share has no holder)."""

    ids: pd.Index
    cmnds: pd.Index
    holders: pd.Index
    holder_rows: np.ndarray

    @classmethod
    def of(cls, extract: pd.DataFrame) -> IdLookup:
        sole = ((extract["person_id"] != "") & ~extract["id_conflict"].astype(bool)).to_numpy()
        holders = pd.Index(extract["person_id"].to_numpy(dtype=object)[sole])
        holders.get_indexer(holders[:1])
        ids, cmnds = _lookup_index(extract["person_id"]), _lookup_index(extract["cmnd"])
        return cls(ids, cmnds, holders, np.flatnonzero(sole))

    def holder(self, ids: pd.Series) -> np.ndarray:
        """The extract row holding each ID (-1 where none does)."""
        at = self.holders.get_indexer(ids.to_numpy(dtype=object))
        out = np.full(len(at), -1, dtype=np.int64)
        out[at >= 0] = self.holder_rows[at[at >= 0]]  # no holder rows at all: every row -1
        return out

    def has_id(self, values: pd.Series) -> np.ndarray:
        return self.ids.get_indexer(values.to_numpy(dtype=object)) >= 0

    def has_cmnd(self, values: pd.Series) -> np.ndarray:
        return self.cmnds.get_indexer(values.to_numpy(dtype=object)) >= 0


def _blocks(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(where each wanted key's block starts in sorted ``keys``, its size), in ``wanted``'s order;
    looked up in key order (a binary search over nearby keys hits the cache)."""
    order = np.argsort(wanted)
    lo, hi = np.empty(len(wanted), np.int64), np.empty(len(wanted), np.int64)
    lo[order] = np.searchsorted(keys, wanted[order], "left")
    hi[order] = np.searchsorted(keys, wanted[order], "right")
    return lo, hi - lo


@dataclass(frozen=True)
class BlockIndex:
    """Per blocking rule, the extract rows that have its keys (blocks larger than
    ``max_block_size`` left out, as the joins leave them), sorted by key."""

    rules: dict[str, tuple[np.ndarray, np.ndarray]]  # rule: (sorted keys, extract row of each)

    @classmethod
    def of(cls, extract: pd.DataFrame, max_block_size: int) -> BlockIndex:
        keys, rules = block_keys(extract, listed=False), {}
        for rule, cols in RULES.items():
            pos, key = _keyed(keys, cols)
            order = np.argsort(key, kind="stable")
            key, pos = key[order], pos[order]
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, int)
            sizes = np.diff(np.r_[starts, len(key)])
            kept = np.repeat(sizes <= max_block_size, sizes)
            rules[rule] = (key[kept], pos[kept].astype(np.int32 if len(extract) < 2**31 else np.int64))
        return cls(rules)

    def arrays(self) -> dict[str, np.ndarray]:
        """The index as named arrays (to store), read back by :meth:`from_arrays`."""
        return {
            f"{rule}:{part}": a
            for rule, both in self.rules.items()
            for part, a in zip("kr", both, strict=True)
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> BlockIndex:
        return cls({rule: (arrays[f"{rule}:k"], arrays[f"{rule}:r"]) for rule in RULES})

    def pairs(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Distinct (li, ri) pairs of list ``rows`` (a matching frame with ID holders) and the
        extract, with the first rule that hit: what :func:`~vaxrecon.matchers.blocking.rule_pairs`
        of every rule and :func:`~vaxrecon.matchers.blocking.union_pairs` give."""
        lk, li_all, ri_all, rule_all = block_keys(rows, listed=True), [], [], []
        for r, (rule, cols) in enumerate(RULES.items()):
            keys, ext_rows = self.rules[rule]
            li, key = _keyed(lk, cols)
            lo, n = _blocks(keys, key)
            if not n.sum():
                continue
            first = np.repeat(lo - np.cumsum(n) + n, n)  # each pair's offset into its block
            li_all.append(np.repeat(li, n).astype(np.int64))
            ri_all.append(ext_rows[first + np.arange(n.sum())].astype(np.int64))
            rule_all.append(np.full(n.sum(), r, np.int8))
        empty = [np.zeros(0, np.int64)]
        return distinct_pairs(
            np.concatenate(li_all or empty),
            np.concatenate(ri_all or empty),
            np.concatenate(rule_all or empty),
        )


def text_codes(extract: pd.DataFrame) -> dict[str, np.ndarray]:
    """The :func:`~vaxrecon.matchers.comparisons.text_code` s of the extract's compared text
    columns (:data:`~vaxrecon.matchers.comparisons.CODED` that it has)."""
    return {col: text_code(extract[col]) for col in CODED if col in extract.columns}


@dataclass(frozen=True)
class ExtractIndex:
    """Everything a block of list rows looks up in the extract, and its text codes."""

    ids: IdLookup
    blocks: BlockIndex
    codes: dict[str, np.ndarray]

    @classmethod
    def of(
        cls,
        extract: pd.DataFrame,
        max_block_size: int,
        blocks: BlockIndex | None = None,
        codes: dict[str, np.ndarray] | None = None,
    ) -> ExtractIndex:
        """The index of a :func:`~vaxrecon.matchers.comparisons.matching_frame` of the extract
        (``blocks``, ``codes``: its block index and text codes, if kept from an earlier run)."""
        return cls(
            IdLookup.of(extract),
            blocks or BlockIndex.of(extract, max_block_size),
            codes if codes is not None else text_codes(extract),
        )

    def arrays(self) -> dict[str, np.ndarray]:
        """The block index and text codes as named arrays (to store), read back by :meth:`parts`."""
        return {**self.blocks.arrays(), **{f"code:{col}": a for col, a in self.codes.items()}}

    @staticmethod
    def parts(arrays: dict[str, np.ndarray]) -> tuple[BlockIndex, dict[str, np.ndarray]]:
        """(block index, text codes) of stored :meth:`arrays`."""
        codes = {k.removeprefix("code:"): a for k, a in arrays.items() if k.startswith("code:")}
        return BlockIndex.from_arrays(arrays), codes

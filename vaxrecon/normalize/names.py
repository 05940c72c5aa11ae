"""Person names: a display form and comparison keys (with marks, tone-unified, folded, tokens)."""

from __future__ import annotations

import pandas as pd

from vaxrecon.normalize.text import (
    WHITESPACE,
    clean_text,
    fold_series,
    repair_mojibake_series,
    unify_tones_series,
)


def normalize_names(raw: pd.Series) -> pd.DataFrame:
    """Normalise a column of full names; computed once per distinct value, then broadcast.

    - ``name``: display form (NFC, single spaces, each word capitalised)
    - ``name_key``: lower case with marks, tone placement unified (hoà≡hòa)
    - ``name_fold``: lower case without marks (Đ->d)
    - ``family``/``middle``/``given``: folded tokens (first word / inner words / last word)
    - ``name_sorted``: folded tokens sorted and joined without spaces (reordering, joined words)
    """
    codes, uniques = pd.factorize(raw.fillna("").astype(str), sort=False)
    u = pd.Series(uniques, dtype=object)
    cleaned = clean_text(u)
    repaired = repair_mojibake_series(cleaned)
    was_repaired = repaired != cleaned
    key = unify_tones_series(repaired.str.lower())
    folded = fold_series(key)
    word = f"[^{WHITESPACE}]"  # \S, as pyarrow can run it
    parts = folded.str.extract(f"^(?:(?P<family>{word}+) )?(?:(?P<middle>.*) )?(?P<given>{word}*)$").fillna(
        ""
    )
    out = pd.DataFrame(
        {
            "name": repaired.str.title(),
            "name_key": key,
            "name_fold": folded,
            "family": parts["family"],
            "middle": parts["middle"],
            "given": parts["given"],
            "name_sorted": folded.str.split(" ").map(lambda t: "".join(sorted(t))),
            "name_has_marks": key != folded,
            "name_repaired": was_repaired,
        }
    )
    if len(codes) == 0:
        return out.iloc[0:0].reset_index(drop=True)
    return out.take(codes).reset_index(drop=True).set_axis(raw.index)

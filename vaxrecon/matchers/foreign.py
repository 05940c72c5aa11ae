"""Foreigners a list does not mark as such: names made of words no one in the extract has."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import OSA

# Letters Vietnamese (and minority names written in Vietnamese script) do not use.
_FOREIGN_LETTERS = r"[fjwz]"
# A Vietnamese syllable without marks: onset, vowel cluster, coda (nguyen, quynh, giang, oanh).
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|uou|uoi|oai|oay|uay|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|"
    r"uy|ye|[aeiouy])(?:ng|nh|ch|[cmnpt])?$"
)
# A syllable of a minority language written in Vietnamese script (Ksor, Kdăm, Mlô, Rơ Mah, Byă).
_MINORITY_SYLLABLE = re.compile(r"^[bcdghklmnprstvxy]{0,3}[aeiouy]{1,3}(?:ng|nh|ch|[cmnptkhlrs])?$")


def name_tokens(names: pd.Series) -> pd.Index:
    """Every word of the extract's folded names (the vocabulary a citizen's name is made of)."""
    words = names[names != ""].drop_duplicates().str.split(" ").explode()
    return pd.Index(words[words != ""].unique())


def _unknown_share(name: str, vocab: set[str], fuzzy: list[str], syllables: bool = True) -> float:
    """Share of the name's words that are no syllable of Vietnamese (or of a minority language as
    written in Vietnamese script) and that no extract name uses —
    not as written, not joined with a neighbour (Cha Ma Léa = Chamaléa), not one slip away (for
    words of 4+ letters)."""
    words = [w for w in re.split(r"[\s']+", name) if len(w) > 1]  # H'Hen: a prefix letter
    known = [syllables and bool(_SYLLABLE.match(w) or _MINORITY_SYLLABLE.match(w)) for w in words]
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            if "".join(words[i : i + size]) in vocab:
                known[i : i + size] = [True] * size
    for i, w in enumerate(words):
        if syllables and not known[i] and len(w) >= 4 and not re.search(_FOREIGN_LETTERS, w):
            known[i] = process.extractOne(w, fuzzy, scorer=OSA.distance, score_cutoff=1) is not None
    return 1.0 - sum(known) / max(len(words), 1)


def foreign_name(
    name_fold: pd.Series, vocab: pd.Index, id_kind: pd.Series, unknown_number: np.ndarray | None = None
) -> np.ndarray:
    """Rows whose name is more than half made of words that are neither Vietnamese syllables nor
    words of the extract's names, and that give no 12-digit personal ID. Callers apply it only to
    rows no one in the extract fits. An ethnic-minority citizen's name (Chamaléa, Katơr, Pinăng,
    written joined or spaced) is made of syllables and of words the province's extract holds, so
    it does not qualify. Where the row gives a 9-digit number no one in the extract holds as a CMND
    (``unknown_number``: a passport number, say), words the extract's names do not use as written
    count as foreign even when they could be Vietnamese syllables (Lee Seo Yeon, Chan Dara)."""
    out = np.zeros(len(name_fold), dtype=bool)
    todo = (name_fold != "").to_numpy() & (id_kind != "cccd").to_numpy()
    if not todo.any() or not len(vocab):
        return out
    codes, uniques = pd.factorize(name_fold[todo])
    words = set(vocab)
    fuzzy = [w for w in words if len(w) >= 4]
    share = np.array([_unknown_share(n, words, fuzzy) for n in uniques])
    unseen = np.array([_unknown_share(n, words, fuzzy, syllables=False) for n in uniques])
    number = np.zeros(len(name_fold), dtype=bool) if unknown_number is None else unknown_number
    out[np.flatnonzero(todo)] = (share[codes] > 0.5) | (number[todo] & (unseen[codes] > 0.5))
    return out

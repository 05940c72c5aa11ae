"""CSV cells that Excel would run as formulas are written with a leading apostrophe (OWASP)."""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells starting with = + - @ tab or CR begin with ' instead."""
    out = frame.copy()
    for col in out.select_dtypes(include="object").columns:
        values = out[col]
        risky = values.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
        if risky.any():
            out[col] = values.where(~risky, "'" + values.astype(str))
    return out

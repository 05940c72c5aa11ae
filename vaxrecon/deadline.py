"""The procedure's clock: the verified list goes back within N days of the list date."""

from __future__ import annotations

import datetime as dt

import numpy as np


def deadline_for(list_date: dt.date, cfg: dict) -> dt.date:
    """The last day the verified list may be returned. The list date is day 1, so "within 2 days"
    of a list drawn up on the 5th means by the end of the 6th (calendar or working days)."""
    dcfg = cfg["deadline"]
    extra = max(dcfg["days"] - 1, 0)
    if not dcfg["working_days"]:
        return list_date + dt.timedelta(days=extra)
    holidays = [np.datetime64(h) for h in dcfg["holidays"]]
    day = np.busday_offset(np.datetime64(list_date), extra, roll="forward", holidays=holidays)
    return day.astype(dt.date)

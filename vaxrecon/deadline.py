"""The procedure's clock: the verified list goes back within N days of the list date."""

from __future__ import annotations

import datetime as dt

import numpy as np


def deadline_for(list_date: dt.date, cfg: dict) -> dt.date:
    """The last day the verified list may be returned (calendar or working days, per config)."""
    dcfg = cfg["deadline"]
    if not dcfg["working_days"]:
        return list_date + dt.timedelta(days=dcfg["days"])
    holidays = [np.datetime64(h) for h in dcfg["holidays"]]
    day = np.busday_offset(np.datetime64(list_date), dcfg["days"], roll="forward", holidays=holidays)
    return day.astype(dt.date)

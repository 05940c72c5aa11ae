"""The procedure's clock: the verified list goes back "within N days" of the date the list was drawn up.

By default the period is counted as the Civil Code (Bộ luật Dân sự 2015) counts periods in days:
art. 147(2), the day of the event is not counted, day 1 is the day after; art. 148(1), the period
ends at the end of its last day; art. 148(5), a period whose last day is a weekend day or a holiday
ends at the end of the next working day. ``deadline.count: calendar`` drops art. 148(5);
``deadline.count: strict`` is the stricter count (the list date is day 1, no extension);
``deadline.working_days`` counts working days only (``deadline.holidays`` are not working days).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from vaxrecon.errors import ConfigError

COUNTS = ("civil_code", "calendar", "strict")


def _calendar(dcfg: dict) -> np.busdaycalendar:
    return np.busdaycalendar(weekmask="1111100", holidays=[np.datetime64(h) for h in dcfg["holidays"]])


def deadline_for(list_date: dt.date, cfg: dict) -> dt.date:
    """The last day (returned by its end) a list dated ``list_date`` may be returned."""
    dcfg = cfg["deadline"]
    if dcfg["count"] not in COUNTS:
        raise ConfigError(
            key="err.setting_choice",
            setting="deadline.count",
            known=", ".join(COUNTS),
            value=repr(dcfg["count"]),
        )
    days, strict = max(int(dcfg["days"]), 1), dcfg["count"] == "strict"
    start = np.datetime64(list_date)
    if dcfg["working_days"]:
        calendar = _calendar(dcfg)
        # Strict: the list date (or the first working day from it) is day 1. Civil Code: day 1 is
        # the first working day after the list date.
        last = (
            np.busday_offset(start, days - 1, roll="forward", busdaycal=calendar)
            if strict
            else np.busday_offset(start, days, roll="backward", busdaycal=calendar)
        )
    else:
        last = start + np.timedelta64(days - 1 if strict else days, "D")
        if dcfg["count"] == "civil_code":
            last = np.busday_offset(last, 0, roll="forward", busdaycal=_calendar(dcfg))
    return last.astype(dt.date)

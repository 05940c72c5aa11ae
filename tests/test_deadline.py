"""The return deadline against a table counted by hand on the 2021-2024 calendars."""

import datetime as dt

import pytest

from vaxrecon.config import load_config
from vaxrecon.deadline import deadline_for
from vaxrecon.errors import ConfigError

HOLIDAYS = ["2021-09-02", "2021-09-03", "2022-01-03"]  # National Day 2021; New Year (moved to Monday)
D = dt.date.fromisoformat

# list date (weekday), count, working days?, due by the end of (weekday): counted by hand.
TABLE = [
    ("2021-11-05", "civil_code", False, "2021-11-08"),  # Fri; day 1 Sat, day 2 Sun -> next working day Mon
    ("2021-11-03", "civil_code", False, "2021-11-05"),  # Wed -> Fri
    ("2021-11-04", "civil_code", False, "2021-11-08"),  # Thu -> Sat -> Mon
    ("2021-10-30", "civil_code", False, "2021-11-01"),  # Sat -> Mon 1 Nov, across the month end
    ("2021-10-29", "civil_code", False, "2021-11-01"),  # Fri -> Sun 31 Oct -> Mon 1 Nov
    ("2021-09-01", "civil_code", False, "2021-09-06"),  # Wed -> Fri 3 (holiday), Sat, Sun -> Mon 6
    ("2021-12-30", "civil_code", False, "2022-01-04"),  # Thu -> Sat 1 Jan, Sun, Mon 3 (holiday) -> Tue 4
    ("2021-02-26", "civil_code", False, "2021-03-01"),  # Fri -> Sun 28 Feb -> Mon 1 Mar
    ("2024-02-27", "civil_code", False, "2024-02-29"),  # Tue -> Thu 29 Feb (leap year)
    ("2021-11-05", "calendar", False, "2021-11-07"),  # art. 147 and 148(1) only: Sunday
    ("2021-10-30", "calendar", False, "2021-11-01"),
    ("2021-12-30", "calendar", False, "2022-01-01"),
    ("2021-11-05", "strict", False, "2021-11-06"),  # the list date is day 1
    ("2021-10-31", "strict", False, "2021-11-01"),
    ("2021-12-31", "strict", False, "2022-01-01"),
    ("2021-11-05", "civil_code", True, "2021-11-09"),  # Fri; working days Mon 8, Tue 9
    ("2021-11-06", "civil_code", True, "2021-11-09"),  # Sat; Mon 8, Tue 9
    ("2021-09-01", "civil_code", True, "2021-09-07"),  # Wed; Thu 2, Fri 3 off; Mon 6, Tue 7
    ("2021-12-30", "civil_code", True, "2022-01-04"),  # Thu; Fri 31, (Mon 3 off), Tue 4
    ("2021-10-29", "civil_code", True, "2021-11-02"),  # Fri; Mon 1, Tue 2
    ("2021-11-05", "strict", True, "2021-11-08"),  # Fri is day 1, Mon day 2
    ("2021-11-06", "strict", True, "2021-11-09"),  # Sat: Mon is day 1, Tue day 2
    ("2021-12-31", "strict", True, "2022-01-04"),  # Fri day 1, (Mon 3 off), Tue 4 day 2
]


@pytest.mark.parametrize("list_date, count, working, due", TABLE)
def test_deadline_matches_the_hand_counted_table(list_date, count, working, due):
    cfg = load_config(
        None, {"deadline.count": count, "deadline.working_days": working, "deadline.holidays": HOLIDAYS}
    )
    assert deadline_for(D(list_date), cfg) == D(due)


def test_default_is_the_civil_code_count():
    assert load_config()["deadline"]["count"] == "civil_code"
    assert deadline_for(D("2021-11-03"), load_config()) == D("2021-11-05")


def test_three_days_and_an_unknown_count():
    cfg = load_config(None, {"deadline.days": 3})
    assert deadline_for(D("2021-11-03"), cfg) == D("2021-11-08")  # Wed -> Sat -> Mon
    with pytest.raises(ConfigError, match="deadline.count"):
        deadline_for(D("2021-11-03"), load_config(None, {"deadline.count": "weekly"}))

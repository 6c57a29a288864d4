"""Local time across daylight-saving changes, calendar months, French public holidays."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given, strategies as st

from dialogs.calendar import (add_months, at_local, holiday_name, is_working_day, local_date, next_weekday,
                              next_working_day)
from tests.support.clock import PARIS

DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2040, 12, 31))
TIMES = st.times()


def test_nine_in_paris_is_eight_utc_in_winter_and_seven_in_summer():
    assert at_local(date(2028, 3, 25), time(9), PARIS) == datetime(2028, 3, 25, 8, tzinfo=timezone.utc)
    assert at_local(date(2028, 3, 26), time(9), PARIS) == datetime(2028, 3, 26, 7, tzinfo=timezone.utc)
    assert at_local(date(2028, 10, 29), time(9), PARIS) == datetime(2028, 10, 29, 8, tzinfo=timezone.utc)


def test_a_time_skipped_in_spring_is_the_hour_after_and_a_repeated_one_is_the_first():
    skipped = at_local(date(2028, 3, 26), time(2, 30), PARIS)
    assert skipped.astimezone(PARIS).time() == time(3, 30)
    repeated = at_local(date(2028, 10, 29), time(2, 30), PARIS)
    assert repeated == datetime(2028, 10, 29, 0, 30, tzinfo=timezone.utc)


@given(DAYS, TIMES)
def test_the_wall_clock_shows_the_asked_time_except_in_the_spring_gap(day, clock):
    instant = at_local(day, clock, PARIS)
    wall = instant.astimezone(PARIS)
    asked = datetime.combine(day, clock)
    assert wall.replace(tzinfo=None) - asked in (timedelta(0), timedelta(hours=1))
    assert local_date(instant, PARIS) == day


def test_months_from_the_end_of_a_month_and_from_29_february():
    assert add_months(date(2028, 2, 29), 11) == date(2029, 1, 29)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2027, 3, 31), 11) == date(2028, 2, 29)


@given(DAYS, st.integers(min_value=1, max_value=24))
def test_months_later_keeps_the_day_or_ends_the_month(day, months):
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day == day.day or (later + timedelta(days=1)).day == 1


def test_french_holidays_and_working_days():
    assert holiday_name(date(2028, 7, 14), "FR") == "Fête nationale"
    assert holiday_name(date(2028, 6, 5), "FR") == "Lundi de Pentecôte"
    assert holiday_name(date(2028, 6, 6), "FR") is None
    assert next_working_day(date(2028, 1, 1), "FR") == date(2028, 1, 3)  # Saturday, a holiday
    assert next_working_day(date(2029, 1, 1), "FR") == date(2029, 1, 2)  # Monday, a holiday
    assert next_working_day(date(2028, 4, 30), "FR") == date(2028, 5, 2)  # Sunday, then 1 May


@given(DAYS)
def test_the_next_working_day_is_the_first_one(day):
    found = next_working_day(day, "FR")
    assert is_working_day(found, "FR") and found >= day
    assert not any(is_working_day(day + timedelta(days=n), "FR") for n in range((found - day).days))


@given(DAYS, st.integers(min_value=0, max_value=6))
def test_the_next_weekday_is_within_a_week(day, weekday):
    found = next_weekday(day, weekday)
    assert found.weekday() == weekday and 1 <= (found - day).days <= 7

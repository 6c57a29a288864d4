"""Local time across daylight-saving changes, calendar months, French public holidays."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given, strategies as st

from dialogs.calendar import (PublicHolidays, add_months, at_local, is_working_day, local_date, next_weekday,
                              next_working_day, previous_working_day)
from tests.support.clock import PARIS

FRANCE = PublicHolidays("FR")
MOSELLE = PublicHolidays("FR", "57")
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
    assert FRANCE.name(date(2028, 7, 14)) == "Fête nationale"
    assert FRANCE.name(date(2028, 6, 5)) == "Lundi de Pentecôte"
    assert FRANCE.name(date(2028, 6, 6)) is None
    assert next_working_day(date(2028, 1, 1), FRANCE) == date(2028, 1, 3)  # Saturday, a holiday
    assert next_working_day(date(2029, 1, 1), FRANCE) == date(2029, 1, 2)  # Monday, a holiday
    assert next_working_day(date(2028, 4, 30), FRANCE) == date(2028, 5, 2)  # Sunday, then 1 May


def test_alsace_moselle_rests_on_good_friday_and_on_26_december():
    """The local law adds two days off there: a reminder due on either comes the day before, as on 14 July."""
    assert MOSELLE.name(date(2027, 3, 26)) == "Vendredi saint" and FRANCE.name(date(2027, 3, 26)) is None
    assert previous_working_day(date(2027, 3, 26), MOSELLE) == date(2027, 3, 25)
    assert previous_working_day(date(2027, 3, 26), FRANCE) == date(2027, 3, 26)
    assert next_working_day(date(2025, 12, 25), MOSELLE) == date(2025, 12, 29)  # Christmas, 26th, the weekend
    assert MOSELLE.own(date(2026, 12, 4)) == [(date(2026, 12, 26), "Saint-Étienne"),
                                              (date(2027, 3, 26), "Vendredi saint")]
    assert FRANCE.own(date(2026, 12, 4)) == []
    assert PublicHolidays("FR", "973").own(date(2026, 12, 4)) == [(date(2027, 6, 10), "Abolition de l'esclavage")]


@given(DAYS)
def test_the_next_working_day_is_the_first_one(day):
    found = next_working_day(day, MOSELLE)
    assert is_working_day(found, MOSELLE) and found >= day
    assert not any(is_working_day(day + timedelta(days=n), MOSELLE) for n in range((found - day).days))
    assert is_working_day(found, FRANCE)  # the subdivision's holidays add to the country's


@given(DAYS, st.integers(min_value=0, max_value=6))
def test_the_next_weekday_is_within_a_week(day, weekday):
    found = next_weekday(day, weekday)
    assert found.weekday() == weekday and 1 <= (found - day).days <= 7

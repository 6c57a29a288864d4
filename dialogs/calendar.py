"""Calendar arithmetic in local time: wall-clock times across DST changes, months, working days."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.relativedelta import relativedelta


def at_local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The UTC instant when the wall clock of `zone` shows `clock` on `day`.

    A time skipped by the spring change (02:30 on the last Sunday of March) is taken as the
    same duration after the change; a time repeated in autumn is its first occurrence.
    """
    # PEP 495: with fold=0 a skipped time takes the offset from before the change, i.e. one hour later
    # on the wall; a repeated time takes its first occurrence.
    # A time built with fold=1 would take the other side of the change: the rule above holds whatever it carries.
    return datetime.combine(day, clock.replace(fold=0), tzinfo=zone).astimezone(timezone.utc)


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    return as_utc(instant).astimezone(zone).date()


def as_utc(instant: datetime) -> datetime:
    """SQLite gives back naive datetimes; everything stored is UTC."""
    return instant.replace(tzinfo=timezone.utc) if instant.tzinfo is None else instant.astimezone(timezone.utc)


def add_months(day: date, months: int) -> date:
    """Calendar months later; 31 January + 1 month is 28 (or 29) February, 29 February + 12 is 28 February."""
    return day + relativedelta(months=months)


@dataclass(frozen=True)
class PublicHolidays:
    """A country's public holidays, with its subdivision's own where the law adds some (Alsace-Moselle, outre-mer)."""

    country: str  # "FR"
    subdivision: str | None = None  # the holidays library's code: "57", "973"

    def name(self, day: date) -> str | None:
        return _holidays(self.country, self.subdivision, day.year).get(day)

    def own(self, start: date, days: int = 366) -> list[tuple[date, str]]:
        """The subdivision's holidays that the country does not have, from `start` on, earliest first."""
        if self.subdivision is None:
            return []
        found = []
        for year in (start.year, start.year + 1):
            country = _holidays(self.country, None, year)
            found += [(day, name) for day, name in _holidays(self.country, self.subdivision, year).items()
                      if day not in country and start <= day < start + timedelta(days=days)]
        return sorted(found)


@lru_cache(maxsize=64)
def _holidays(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    return dict(holidays.country_holidays(country, subdiv=subdivision, years=year, language="fr"))


def is_working_day(day: date, public: PublicHolidays) -> bool:
    return day.weekday() < 5 and public.name(day) is None


def next_working_day(day: date, public: PublicHolidays) -> date:
    """`day` itself when it is a working day, else the next one."""
    while not is_working_day(day, public):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date, public: PublicHolidays) -> date:
    """`day` itself when it is a working day, else the one before."""
    while not is_working_day(day, public):
        day -= timedelta(days=1)
    return day


def next_weekday(after: date, weekday: int) -> date:
    """The first date strictly after `after` falling on `weekday` (0 is Monday)."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)

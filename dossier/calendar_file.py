"""The steering committee as an iCalendar file (RFC 5545) that phones add to their calendar."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from dossier.files import slug

PRODUCT_ID = "-//Guide MSAP//Comite de pilotage//FR"


class Invite(Protocol):
    uid: str
    sequence: int
    day: date
    minutes: tuple[int, int] | None
    summary: str
    description: str
    alarm: str
    alarms_minutes_before: tuple[int, ...]
    project: str
    zone: str  # its times' clock, the project's ("America/Cayenne"); "": `zone`, the bot's
    location: str  # where it meets; "": not said


def calendar_file(invite: Invite, zone: ZoneInfo, stamp: datetime) -> bytes:
    """One event with its alarms; the same UID with a higher SEQUENCE replaces it in the calendar."""
    zone = ZoneInfo(invite.zone) if invite.zone else zone
    event = Event()
    event.add("uid", invite.uid)
    event.add("sequence", invite.sequence)
    event.add("dtstamp", stamp)
    event.add("summary", invite.summary)
    event.add("description", invite.description)
    if invite.location:
        event.add("location", invite.location)
    if invite.minutes is None:
        event.add("dtstart", invite.day)
        event.add("dtend", invite.day + timedelta(days=1))
    else:
        start, end = (datetime.combine(invite.day, time(m // 60, m % 60), tzinfo=zone) if m < 24 * 60
                      else datetime.combine(invite.day + timedelta(days=1), time(0), tzinfo=zone)
                      for m in invite.minutes)
        event.add("dtstart", start)
        event.add("dtend", end)
    for minutes in invite.alarms_minutes_before:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", invite.alarm)
        alarm.add("trigger", timedelta(minutes=-minutes))
        event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    # The rules of the event's year and the next are enough, and keep the file short.
    calendar.add_missing_timezones(first_date=date(invite.day.year - 1, 1, 1),
                                   last_date=date(invite.day.year + 2, 1, 1))
    return calendar.to_ical()


def calendar_filename(invite: Invite) -> str:
    return f"comite-pilotage-{slug(invite.project)}-{invite.day.isoformat()}.ics"

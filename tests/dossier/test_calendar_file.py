"""The committee's .ics file: what users typed stays text, whatever it contains."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from icalendar import Calendar

from dossier.calendar_file import calendar_file, calendar_filename
from states.events import CalendarInvite
from tests.support.clock import PARIS

HOSTILE = "Maison\r\nATTENDEE:mailto:x@example.org\r\nBEGIN:VALARM ; {{ 7*7 }} <b>&</b> 🙂"


def invite(project: str, minutes=None) -> CalendarInvite:
    return CalendarInvite("comite-7-1@guide-msap", 3, date(2028, 10, 29), minutes, f"Comité – {project}",
                          "Ordre du jour : bilan ; perspectives.", f"Comité de {project}", (1440, 120), project, "")


def test_typed_text_cannot_add_properties_or_components():
    parsed = Calendar.from_ical(calendar_file(invite(HOSTILE), PARIS, datetime(2027, 1, 1, tzinfo=timezone.utc)))
    (event,) = parsed.walk("VEVENT")
    typed = HOSTILE.replace("\r\n", "\n")  # iCalendar keeps line breaks as \n
    assert str(event["SUMMARY"]) == f"Comité – {typed}"
    assert "ATTENDEE" not in event
    assert len(event.walk("VALARM")) == 2
    assert all(str(alarm["DESCRIPTION"]) == f"Comité de {typed}" for alarm in event.walk("VALARM"))
    assert calendar_filename(invite(HOSTILE)) == "comite-pilotage-maison-attendee-mailto-x-example-org-beg-2028-10-29.ics"


def test_a_committee_on_the_night_the_clocks_go_back_keeps_its_local_times():
    parsed = Calendar.from_ical(calendar_file(invite("Lure", (600, 720)), PARIS,
                                              datetime(2027, 1, 1, tzinfo=timezone.utc)))
    (event,) = parsed.walk("VEVENT")
    assert event["DTSTART"].dt.utcoffset().total_seconds() == 3600  # 29 October 2028: winter time again
    assert event["DTSTART"].dt.hour == 10 and event["DTEND"].dt.hour == 12
    assert event["SEQUENCE"] == 3


def test_a_committee_outre_mer_is_at_its_own_local_time():
    """"14h30" typed in French Guiana was 14:30 in Paris: 10:30 in the team's calendars there."""
    guyane = replace(invite("Maripasoula", (870, 990)), zone="America/Cayenne")
    parsed = Calendar.from_ical(calendar_file(guyane, PARIS, datetime(2027, 1, 1, tzinfo=timezone.utc)))
    (event,) = parsed.walk("VEVENT")
    assert str(event["DTSTART"].dt.tzinfo) == "America/Cayenne" and event["DTSTART"].dt.hour == 14
    assert event["DTSTART"].dt.astimezone(timezone.utc).hour == 17


def test_where_the_committee_meets_is_the_event_s_location_and_stays_text():
    """A place typed with the date ("… à la salle du conseil de la CC") was dropped: the team's calendars had no
    place. Typed text, it can add no property either."""
    stamp = datetime(2027, 1, 1, tzinfo=timezone.utc)
    (event,) = Calendar.from_ical(calendar_file(replace(invite("Bitche"), location="Salle du conseil de la CC"),
                                                PARIS, stamp)).walk("VEVENT")
    assert str(event["LOCATION"]) == "Salle du conseil de la CC"
    (hostile,) = Calendar.from_ical(calendar_file(replace(invite("Bitche"), location=HOSTILE), PARIS,
                                                  stamp)).walk("VEVENT")
    assert str(hostile["LOCATION"]) == HOSTILE.replace("\r\n", "\n") and "ATTENDEE" not in hostile
    (none,) = Calendar.from_ical(calendar_file(invite("Bitche"), PARIS, stamp)).walk("VEVENT")
    assert "LOCATION" not in none

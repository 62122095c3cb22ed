"""Parses an iCalendar document from stdin with the `icalendar` package and prints its
events as JSON: uid, summary, start and end (UTC RFC 3339 for times, YYYY-MM-DD for days),
whether it is a whole day, and each alarm's trigger: minutes before the start, or
{"at": UTC time} for an alarm at a set time."""

import datetime
import json
import sys

import icalendar


def when(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise SystemExit(f"a floating time without a time zone: {value}")
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


calendar = icalendar.Calendar.from_ical(sys.stdin.read())
events = []
for event in calendar.walk("VEVENT"):
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND") if "DTEND" in event else None
    alarms = []
    for alarm in event.walk("VALARM"):
        trigger = alarm.decoded("TRIGGER")
        if isinstance(trigger, datetime.datetime):
            alarms.append({"at": when(trigger)})
        else:
            alarms.append(int(-trigger.total_seconds() // 60))
    events.append(
        {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "start": when(start),
            "end": when(end) if end is not None else None,
            "all_day": not isinstance(start, datetime.datetime),
            "alarms": alarms,
        }
    )
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME", "")), "events": events}))

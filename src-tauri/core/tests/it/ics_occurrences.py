"""Expands an iCalendar file with the Python `icalendar` and `recurring-ical-events` packages, a
parser independent of Tandem's, and prints each occurrence from FROM up to TO (UTC dates) as JSON:
[title, start] pairs, start as a UTC instant (YYYY-MM-DDTHH:MM:SS.000Z) or a date."""

import datetime
import json
import sys

import icalendar
import recurring_ical_events

path = sys.argv[1]
start, end = (datetime.date.fromisoformat(d) for d in sys.argv[2:4])
with open(path, "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())

out = []
for event in recurring_ical_events.of(calendar).between(start, end):
    when = event["DTSTART"].dt
    if isinstance(when, datetime.datetime):
        when = when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    else:
        when = when.isoformat()
    out.append([str(event.get("SUMMARY", "")), when])
out.sort(key=lambda pair: (pair[1], pair[0]))
print(json.dumps(out, ensure_ascii=False))

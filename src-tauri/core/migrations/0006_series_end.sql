-- Where a series stops: the end of its last occurrence (an instant for timed series, a date for
-- all-day ones), or NULL when it never stops (or was written before this column existed). A
-- range reads only the series that can reach it.
ALTER TABLE calendar_items ADD COLUMN repeats_until TEXT;
CREATE INDEX calendar_items_series_by_end ON calendar_items (repeats_until)
    WHERE deleted_at IS NULL AND rrule IS NOT NULL;

-- A range reads one-off items from these indexes alone: fetching 2,000 rows of a busy month from
-- the table, scattered across the file, cost 17 ms; from a covering index it costs a fraction.
DROP INDEX calendar_items_timed;
DROP INDEX calendar_items_all_day;
CREATE INDEX calendar_items_timed ON calendar_items
    (starts_at, ends_at, id, title, item_type, channel, campaign_id, status, owner, time_zone, series_id, recurrence_id)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 0;
CREATE INDEX calendar_items_all_day ON calendar_items
    (start_date, end_date, id, title, item_type, channel, campaign_id, status, owner, time_zone, series_id, recurrence_id)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 1;

-- A range scans the covering indexes from 31 days before it; items longer than that (a season-
-- long ad flight) are few, and found through these.
CREATE INDEX calendar_items_long_timed ON calendar_items (ends_at)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 0 AND julianday(ends_at) - julianday(starts_at) > 31;
CREATE INDEX calendar_items_long_all_day ON calendar_items (end_date)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 1 AND julianday(end_date) - julianday(start_date) > 31;

-- The range indexes of 0006 were meant to cover a month's one-off items, but SQLite counts the
-- columns of a partial index's own WHERE (deleted_at, rrule, all_day) as read from the table,
-- so every item in range cost a table lookup. With those columns in the index, it covers.
DROP INDEX calendar_items_timed;
DROP INDEX calendar_items_all_day;
CREATE INDEX calendar_items_timed ON calendar_items
    (starts_at, ends_at, id, title, item_type, channel, campaign_id, status, owner, time_zone, series_id, recurrence_id,
     deleted_at, rrule, all_day)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 0;
CREATE INDEX calendar_items_all_day ON calendar_items
    (start_date, end_date, id, title, item_type, channel, campaign_id, status, owner, time_zone, series_id, recurrence_id,
     deleted_at, rrule, all_day)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 1;

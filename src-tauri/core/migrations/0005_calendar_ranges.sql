-- A calendar range reads one-off items by when they start and end, from the index alone: an
-- ad flight can start weeks before the month it reaches into.
CREATE INDEX calendar_items_timed ON calendar_items (starts_at, ends_at)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 0;
CREATE INDEX calendar_items_all_day ON calendar_items (start_date, end_date)
    WHERE deleted_at IS NULL AND rrule IS NULL AND all_day = 1;
-- Occurrences moved or edited on their own, by the series they belong to.
CREATE INDEX calendar_items_exceptions ON calendar_items (series_id, recurrence_id)
    WHERE deleted_at IS NULL AND series_id IS NOT NULL;

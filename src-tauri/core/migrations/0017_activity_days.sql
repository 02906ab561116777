-- The activity report reads a daily roll-up instead of counting 300,000 activities one by one.
--
-- One row per UTC day, owner ('' for none) and kind: how many live activities fall on that day
-- (their due day, else the day they were done; '0000' for neither, as the report counted them),
-- how many are done, and how many are open with a due time. Days before today are overdue by
-- their open count; today's are counted from the open-activities index; later days are not yet
-- overdue. Kept by the triggers below whoever writes.
CREATE TABLE activity_days (
    day       TEXT NOT NULL,
    owner     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    total     INTEGER NOT NULL,
    done      INTEGER NOT NULL,
    open_due  INTEGER NOT NULL,
    PRIMARY KEY (day, owner, kind)
) STRICT, WITHOUT ROWID;

INSERT INTO activity_days
SELECT coalesce(substr(coalesce(due_at, done_at), 1, 10), '0000'), coalesce(owner, ''), kind,
       count(*), count(done_at), sum(done_at IS NULL AND due_at IS NOT NULL)
FROM activities WHERE deleted_at IS NULL
GROUP BY 1, 2, 3;

CREATE TRIGGER activity_days_insert AFTER INSERT ON activities WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO activity_days VALUES (
        coalesce(substr(coalesce(new.due_at, new.done_at), 1, 10), '0000'), coalesce(new.owner, ''), new.kind,
        1, new.done_at IS NOT NULL, new.done_at IS NULL AND new.due_at IS NOT NULL)
    ON CONFLICT DO UPDATE SET total = total + 1, done = done + excluded.done, open_due = open_due + excluded.open_due;
END;

CREATE TRIGGER activity_days_update AFTER UPDATE OF owner, kind, due_at, done_at, deleted_at ON activities BEGIN
    UPDATE activity_days SET total = total - 1, done = done - (old.done_at IS NOT NULL),
        open_due = open_due - (old.done_at IS NULL AND old.due_at IS NOT NULL)
    WHERE old.deleted_at IS NULL AND day = coalesce(substr(coalesce(old.due_at, old.done_at), 1, 10), '0000')
      AND owner = coalesce(old.owner, '') AND kind = old.kind;
    INSERT INTO activity_days SELECT
        coalesce(substr(coalesce(new.due_at, new.done_at), 1, 10), '0000'), coalesce(new.owner, ''), new.kind,
        1, new.done_at IS NOT NULL, new.done_at IS NULL AND new.due_at IS NOT NULL
    WHERE new.deleted_at IS NULL
    ON CONFLICT DO UPDATE SET total = total + 1, done = done + excluded.done, open_due = open_due + excluded.open_due;
END;

CREATE TRIGGER activity_days_delete AFTER DELETE ON activities WHEN old.deleted_at IS NULL BEGIN
    UPDATE activity_days SET total = total - 1, done = done - (old.done_at IS NOT NULL),
        open_due = open_due - (old.done_at IS NULL AND old.due_at IS NOT NULL)
    WHERE day = coalesce(substr(coalesce(old.due_at, old.done_at), 1, 10), '0000')
      AND owner = coalesce(old.owner, '') AND kind = old.kind;
END;

DROP INDEX activities_report;

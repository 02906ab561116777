-- A change made to many leads at once (owner, tag, lifecycle stage, delete): what each lead had
-- before, so one undo puts the whole batch back.
CREATE TABLE lead_batches (
    id          TEXT PRIMARY KEY NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT NOT NULL,
    at          TEXT NOT NULL,
    undone_at   TEXT
) STRICT;

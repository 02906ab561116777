-- Two leads merged into one: which was kept, which was folded into it (now a tombstone), the kept
-- lead's fields before the merge and the ids of every row moved, so undoing puts each back.
CREATE TABLE lead_merges (
    id          TEXT PRIMARY KEY NOT NULL,
    kept_id     TEXT NOT NULL REFERENCES leads (id),
    merged_id   TEXT NOT NULL REFERENCES leads (id),
    kept_before TEXT NOT NULL,
    moved       TEXT NOT NULL,
    at          TEXT NOT NULL,
    undone_at   TEXT
) STRICT;
CREATE INDEX lead_merges_by_kept ON lead_merges (kept_id, at);

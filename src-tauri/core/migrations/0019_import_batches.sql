-- Each import of leads, undone as a whole from the import history: the file it read, what it
-- did (counts, as JSON), and every row it created or changed in import_changes.
CREATE TABLE import_batches (
    id          TEXT PRIMARY KEY NOT NULL,
    file_name   TEXT NOT NULL,
    counts      TEXT NOT NULL,
    at          TEXT NOT NULL,
    undone_at   TEXT
) STRICT;
CREATE INDEX import_batches_by_at ON import_batches (at);

-- kind: leads_created (before: the range of leads.seq the import's new leads took; row_id its
-- start), lead_updated (before: the lead's fields and tag ids as they were), company, campaign,
-- tag, touchpoint (created), stage_event (a lead_events row recorded).
CREATE TABLE import_changes (
    batch_id    TEXT NOT NULL REFERENCES import_batches (id),
    kind        TEXT NOT NULL CHECK (kind IN
                  ('leads_created', 'lead_updated', 'company', 'campaign', 'tag', 'touchpoint', 'stage_event')),
    row_id      TEXT NOT NULL,
    before      TEXT,
    PRIMARY KEY (batch_id, kind, row_id)
) STRICT, WITHOUT ROWID;

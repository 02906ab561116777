-- What happened to a lead that no other table remembers: its lifecycle stage changing, by hand
-- (cause NULL) or because one of its deals was created, won, lost or reopened (deal_id). The
-- lead page's timeline reads these beside touchpoints, activities, deals and attendance.
CREATE TABLE lead_events (
    id          TEXT PRIMARY KEY NOT NULL,
    lead_id     TEXT NOT NULL REFERENCES leads (id),
    kind        TEXT NOT NULL CHECK (kind IN ('stage_changed')),
    from_value  TEXT,
    to_value    TEXT,
    cause       TEXT,
    deal_id     TEXT REFERENCES deals (id),
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX lead_events_by_lead ON lead_events (lead_id, at);

-- Settings of the whole workspace, one JSON value per key (see store/workspace_settings.rs).
CREATE TABLE workspace_settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Tandem's whole data model (see PRODUCT.md). Append-only: later changes go in new files.
-- Conventions: ids are UUIDv7 text; instants are UTC ISO-8601 text ("2026-11-27T13:12:54.123Z"),
-- plain dates are "YYYY-MM-DD"; money is integer minor units plus an ISO 4217 code;
-- deleted_at is an undoable tombstone (NULL = live).

-- Marks the file as a Tandem workspace ("TNDM"); Store::open refuses SQLite files without it.
PRAGMA application_id = 1414415437;

CREATE TABLE companies (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    domain      TEXT,
    industry    TEXT,
    size        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX companies_name ON companies (name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX companies_domain ON companies (domain) WHERE deleted_at IS NULL;

-- seq is the stable integer key the full-text index points at (VACUUM keeps INTEGER PRIMARY KEYs).
CREATE TABLE leads (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    email           TEXT,
    phone           TEXT,
    company_id      TEXT REFERENCES companies (id),
    job_title       TEXT,
    owner           TEXT,
    lifecycle_stage TEXT NOT NULL DEFAULT 'lead' CHECK (lifecycle_stage IN
                      ('subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'disqualified')),
    score           INTEGER NOT NULL DEFAULT 0,
    source          TEXT,
    notes           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX leads_by_name ON leads (name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_created ON leads (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_updated ON leads (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_stage ON leads (lifecycle_stage, name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_owner ON leads (owner, name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_company ON leads (company_id);
CREATE INDEX leads_by_email ON leads (email COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX leads_deleted ON leads (deleted_at) WHERE deleted_at IS NOT NULL;

-- Further emails and phones of a lead beyond its primary ones.
CREATE TABLE lead_contact_points (
    id          TEXT PRIMARY KEY NOT NULL,
    lead_id     TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value       TEXT NOT NULL,
    label       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX lead_contact_points_lead ON lead_contact_points (lead_id);
CREATE INDEX lead_contact_points_value ON lead_contact_points (kind, value COLLATE NOCASE);

CREATE TABLE tags (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    color       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE lead_tags (
    lead_id     TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    tag_id      TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (lead_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lead_tags_by_tag ON lead_tags (tag_id, lead_id);

CREATE TABLE campaigns (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    objective       TEXT,
    channels        TEXT NOT NULL DEFAULT '[]',   -- JSON array of channel names
    start_date      TEXT,
    end_date        TEXT,
    currency        TEXT NOT NULL DEFAULT 'EUR',
    budget_minor    INTEGER NOT NULL DEFAULT 0,
    spend_minor     INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
    color           TEXT,
    owner           TEXT,
    code            TEXT UNIQUE,
    notes           TEXT,
    archived_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX campaigns_by_dates ON campaigns (start_date, end_date) WHERE deleted_at IS NULL;

-- A dated piece of marketing work. Timed items use starts_at/ends_at (UTC) plus the item's own
-- IANA time zone; all-day items use start_date/end_date. A recurring series carries an RRULE and
-- its exception dates; a moved or edited occurrence is its own row pointing at the series.
CREATE TABLE calendar_items (
    id              TEXT PRIMARY KEY NOT NULL,
    title           TEXT NOT NULL,
    item_type       TEXT NOT NULL CHECK (item_type IN
                      ('email', 'social_post', 'blog_article', 'ad_flight', 'event', 'webinar', 'print', 'other')),
    channel         TEXT,
    campaign_id     TEXT REFERENCES campaigns (id),
    all_day         INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    starts_at       TEXT,
    ends_at         TEXT,
    start_date      TEXT,
    end_date        TEXT,
    time_zone       TEXT NOT NULL DEFAULT 'UTC',
    status          TEXT NOT NULL DEFAULT 'idea'
                      CHECK (status IN ('idea', 'draft', 'scheduled', 'published', 'cancelled')),
    owner           TEXT,
    notes           TEXT,
    rrule           TEXT,
    exdates         TEXT NOT NULL DEFAULT '[]',   -- JSON array of excluded occurrence starts
    series_id       TEXT REFERENCES calendar_items (id),
    recurrence_id   TEXT,                          -- original start of the occurrence this row overrides
    ical_uid        TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK ((all_day = 1 AND start_date IS NOT NULL) OR (all_day = 0 AND starts_at IS NOT NULL))
) STRICT;
CREATE INDEX calendar_items_by_start ON calendar_items (starts_at) WHERE deleted_at IS NULL;
CREATE INDEX calendar_items_by_date ON calendar_items (start_date) WHERE deleted_at IS NULL;
CREATE INDEX calendar_items_recurring ON calendar_items (id) WHERE rrule IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX calendar_items_by_campaign ON calendar_items (campaign_id);
CREATE INDEX calendar_items_by_series ON calendar_items (series_id);
CREATE UNIQUE INDEX calendar_items_by_uid ON calendar_items (ical_uid, recurrence_id) WHERE ical_uid IS NOT NULL;

CREATE TABLE calendar_item_attendees (
    item_id     TEXT NOT NULL REFERENCES calendar_items (id) ON DELETE CASCADE,
    lead_id     TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, lead_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX calendar_item_attendees_by_lead ON calendar_item_attendees (lead_id);

-- A lead's interaction with a campaign; the earliest one is the lead's source.
CREATE TABLE touchpoints (
    id          TEXT PRIMARY KEY NOT NULL,
    lead_id     TEXT NOT NULL REFERENCES leads (id),
    campaign_id TEXT REFERENCES campaigns (id),
    kind        TEXT NOT NULL CHECK (kind IN
                  ('form_fill', 'event_attended', 'email_click', 'referral', 'walk_in', 'trade_show', 'ad_click', 'other')),
    occurred_at TEXT NOT NULL,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX touchpoints_by_lead ON touchpoints (lead_id, occurred_at);
CREATE INDEX touchpoints_by_campaign ON touchpoints (campaign_id, occurred_at);

CREATE TABLE pipelines (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE stages (
    id              TEXT PRIMARY KEY NOT NULL,
    pipeline_id     TEXT NOT NULL REFERENCES pipelines (id),
    name            TEXT NOT NULL,
    position        INTEGER NOT NULL,
    probability     INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    rotting_days    INTEGER CHECK (rotting_days IS NULL OR rotting_days > 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX stages_by_pipeline ON stages (pipeline_id, position);

CREATE TABLE lost_reasons (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

-- position is a fractional index key (text, compared bytewise) so a move rewrites one row.
CREATE TABLE deals (
    id                  TEXT PRIMARY KEY NOT NULL,
    title               TEXT NOT NULL,
    lead_id             TEXT NOT NULL REFERENCES leads (id),
    value_minor         INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
    currency            TEXT NOT NULL DEFAULT 'EUR',
    expected_close      TEXT,
    probability         INTEGER CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),
    owner               TEXT,
    pipeline_id         TEXT NOT NULL REFERENCES pipelines (id),
    stage_id            TEXT NOT NULL REFERENCES stages (id),
    position            TEXT NOT NULL,
    stage_entered_at    TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    won_at              TEXT,
    lost_at             TEXT,
    lost_reason_id      TEXT REFERENCES lost_reasons (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
) STRICT;
CREATE INDEX deals_on_board ON deals (pipeline_id, stage_id, position) WHERE deleted_at IS NULL AND status = 'open';
CREATE INDEX deals_by_lead ON deals (lead_id);
CREATE INDEX deals_by_status ON deals (status, expected_close) WHERE deleted_at IS NULL;

CREATE TABLE deal_stage_changes (
    id              TEXT PRIMARY KEY NOT NULL,
    deal_id         TEXT NOT NULL REFERENCES deals (id),
    from_stage_id   TEXT REFERENCES stages (id),
    to_stage_id     TEXT NOT NULL REFERENCES stages (id),
    changed_at      TEXT NOT NULL
) STRICT;
CREATE INDEX deal_stage_changes_by_deal ON deal_stage_changes (deal_id, changed_at);

CREATE TABLE activities (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'task', 'note')),
    subject     TEXT NOT NULL,
    notes       TEXT,
    lead_id     TEXT NOT NULL REFERENCES leads (id),
    deal_id     TEXT REFERENCES deals (id),
    owner       TEXT,
    due_at      TEXT,
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX activities_by_lead ON activities (lead_id, due_at);
CREATE INDEX activities_by_deal ON activities (deal_id, due_at);
CREATE INDEX activities_open_by_due ON activities (due_at) WHERE done_at IS NULL AND deleted_at IS NULL;

-- Full-text search over leads. rowid = leads.seq; company is the company's name at index time.
CREATE VIRTUAL TABLE lead_search USING fts5 (
    name, email, company, notes,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER lead_search_insert AFTER INSERT ON leads BEGIN
    INSERT INTO lead_search (rowid, name, email, company, notes)
    VALUES (new.seq, new.name, new.email,
            (SELECT name FROM companies WHERE id = new.company_id), new.notes);
END;

CREATE TRIGGER lead_search_update AFTER UPDATE OF name, email, company_id, notes ON leads BEGIN
    DELETE FROM lead_search WHERE rowid = old.seq;
    INSERT INTO lead_search (rowid, name, email, company, notes)
    VALUES (new.seq, new.name, new.email,
            (SELECT name FROM companies WHERE id = new.company_id), new.notes);
END;

CREATE TRIGGER lead_search_delete AFTER DELETE ON leads BEGIN
    DELETE FROM lead_search WHERE rowid = old.seq;
END;

CREATE TRIGGER lead_search_company_rename AFTER UPDATE OF name ON companies BEGIN
    UPDATE lead_search SET company = new.name
    WHERE rowid IN (SELECT seq FROM leads WHERE company_id = new.id);
END;

-- The board reads the open deals of a pipeline (10,000 and more). What a card shows from other
-- tables (the lead's name and company, the next activity, the last done activity) is kept on the
-- deal by triggers, so loading a board reads the deals table and nothing else. deal_search, a
-- full-text index of title, lead and company, lets the board's search fold case and accents the
-- way the leads search does (SQLite's LIKE folds ASCII only).

ALTER TABLE deals ADD COLUMN lead_name TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN company_name TEXT;
ALTER TABLE deals ADD COLUMN next_activity_id TEXT;
ALTER TABLE deals ADD COLUMN next_activity_kind TEXT;
ALTER TABLE deals ADD COLUMN next_activity_subject TEXT;
ALTER TABLE deals ADD COLUMN next_activity_due_at TEXT;
ALTER TABLE deals ADD COLUMN last_activity_done_at TEXT;
-- The stable integer key deal_search points at (a plain rowid may change in a VACUUM).
ALTER TABLE deals ADD COLUMN seq INTEGER;
UPDATE deals SET seq = rowid;
CREATE UNIQUE INDEX deals_by_seq ON deals (seq);

-- The board's totals read this index alone, already in stage and currency order (11,000 open
-- deals: 5 ms instead of 20).
CREATE INDEX deals_board_sums ON deals (pipeline_id, stage_id, currency, value_minor, probability)
WHERE status = 'open' AND deleted_at IS NULL;

-- The lead's name and company.
UPDATE deals SET
    lead_name = (SELECT name FROM leads WHERE id = deals.lead_id),
    company_name = (SELECT c.name FROM leads l JOIN companies c ON c.id = l.company_id WHERE l.id = deals.lead_id);

CREATE VIRTUAL TABLE deal_search USING fts5 (
    title, lead_name, company_name,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO deal_search (rowid, title, lead_name, company_name)
SELECT seq, title, lead_name, company_name FROM deals WHERE deleted_at IS NULL;

CREATE TRIGGER deal_search_update AFTER UPDATE OF title, lead_name, company_name, deleted_at ON deals BEGIN
    DELETE FROM deal_search WHERE rowid = old.seq;
    INSERT INTO deal_search (rowid, title, lead_name, company_name)
    SELECT new.seq, new.title, new.lead_name, new.company_name WHERE new.deleted_at IS NULL;
END;

CREATE TRIGGER deal_search_delete AFTER DELETE ON deals BEGIN
    DELETE FROM deal_search WHERE rowid = old.seq;
END;

-- Also gives the deal its seq; the lead_name it sets puts it in deal_search (deal_search_update).
CREATE TRIGGER deal_cards_deal_lead AFTER INSERT ON deals BEGIN
    UPDATE deals SET
        seq = coalesce((SELECT max(seq) FROM deals), 0) + 1,
        lead_name = (SELECT name FROM leads WHERE id = new.lead_id),
        company_name = (SELECT c.name FROM leads l JOIN companies c ON c.id = l.company_id WHERE l.id = new.lead_id)
    WHERE id = new.id;
END;

CREATE TRIGGER deal_cards_deal_lead_change AFTER UPDATE OF lead_id ON deals BEGIN
    UPDATE deals SET
        lead_name = (SELECT name FROM leads WHERE id = new.lead_id),
        company_name = (SELECT c.name FROM leads l JOIN companies c ON c.id = l.company_id WHERE l.id = new.lead_id)
    WHERE id = new.id;
END;

CREATE TRIGGER deal_cards_lead AFTER UPDATE OF name, company_id ON leads BEGIN
    UPDATE deals SET
        lead_name = new.name,
        company_name = (SELECT name FROM companies WHERE id = new.company_id)
    WHERE lead_id = new.id;
END;

CREATE TRIGGER deal_cards_company AFTER UPDATE OF name ON companies BEGIN
    UPDATE deals SET company_name = new.name
    WHERE lead_id IN (SELECT id FROM leads WHERE company_id = new.id);
END;

-- The next activity (earliest due, not done) and the last done one. A new activity can only
-- improve on what the deal holds, so inserts (bulk imports, the demo) need no search.
UPDATE deals SET
    (next_activity_id, next_activity_kind, next_activity_subject, next_activity_due_at) = (
        SELECT id, kind, subject, due_at FROM activities
        WHERE deal_id = deals.id AND done_at IS NULL AND due_at IS NOT NULL AND deleted_at IS NULL
        ORDER BY due_at, id LIMIT 1),
    last_activity_done_at = (SELECT max(done_at) FROM activities WHERE deal_id = deals.id AND deleted_at IS NULL);

CREATE TRIGGER deal_cards_activity_insert AFTER INSERT ON activities
WHEN new.deal_id IS NOT NULL AND new.deleted_at IS NULL BEGIN
    -- One UPDATE (every SET sees the old row): the demo and imports insert activities by the
    -- hundred thousand.
    UPDATE deals SET
        last_activity_done_at = CASE
            WHEN new.done_at IS NOT NULL AND (last_activity_done_at IS NULL OR new.done_at > last_activity_done_at)
            THEN new.done_at ELSE last_activity_done_at END,
        (next_activity_id, next_activity_kind, next_activity_subject, next_activity_due_at) = (
            SELECT CASE WHEN sooner THEN new.id ELSE next_activity_id END,
                   CASE WHEN sooner THEN new.kind ELSE next_activity_kind END,
                   CASE WHEN sooner THEN new.subject ELSE next_activity_subject END,
                   CASE WHEN sooner THEN new.due_at ELSE next_activity_due_at END
            FROM (SELECT new.done_at IS NULL AND new.due_at IS NOT NULL
                         AND (next_activity_due_at IS NULL OR new.due_at < next_activity_due_at) AS sooner))
    WHERE id = new.deal_id;
END;

-- Any other change looks again at the deal's activities (a few rows, through activities_by_deal).
CREATE TRIGGER deal_cards_activity_update
AFTER UPDATE OF deal_id, kind, subject, due_at, done_at, deleted_at ON activities BEGIN
    UPDATE deals SET
        (next_activity_id, next_activity_kind, next_activity_subject, next_activity_due_at) = (
            SELECT id, kind, subject, due_at FROM activities
            WHERE deal_id = deals.id AND done_at IS NULL AND due_at IS NOT NULL AND deleted_at IS NULL
            ORDER BY due_at, id LIMIT 1),
        last_activity_done_at = (SELECT max(done_at) FROM activities WHERE deal_id = deals.id AND deleted_at IS NULL)
    WHERE id IN (new.deal_id, old.deal_id);
END;

CREATE TRIGGER deal_cards_activity_delete AFTER DELETE ON activities WHEN old.deal_id IS NOT NULL BEGIN
    UPDATE deals SET
        (next_activity_id, next_activity_kind, next_activity_subject, next_activity_due_at) = (
            SELECT id, kind, subject, due_at FROM activities
            WHERE deal_id = deals.id AND done_at IS NULL AND due_at IS NOT NULL AND deleted_at IS NULL
            ORDER BY due_at, id LIMIT 1),
        last_activity_done_at = (SELECT max(done_at) FROM activities WHERE deal_id = deals.id AND deleted_at IS NULL)
    WHERE id = old.deal_id;
END;

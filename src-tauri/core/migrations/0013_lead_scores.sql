-- Lead scores (model/scoring.rs) are kept in leads.score so the list can sort by them. Every
-- change to what a score reads marks the lead here; the write that made the change brings the
-- marked scores up to date before it commits (store/scores.rs), so no path can forget one.
CREATE TABLE scores_due (
    lead_id     TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;

-- Scores written before this version are all zero.
INSERT INTO scores_due SELECT id FROM leads WHERE deleted_at IS NULL;

CREATE INDEX leads_by_score ON leads (score, id) WHERE deleted_at IS NULL;

CREATE TRIGGER scores_due_lead_insert AFTER INSERT ON leads BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (new.id);
END;
CREATE TRIGGER scores_due_lead_update AFTER UPDATE OF job_title, email, company_id, source, deleted_at ON leads BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (new.id);
END;
CREATE TRIGGER scores_due_company_update AFTER UPDATE OF industry, size ON companies BEGIN
    INSERT OR IGNORE INTO scores_due SELECT id FROM leads WHERE company_id = new.id;
END;

CREATE TRIGGER scores_due_touchpoint_insert AFTER INSERT ON touchpoints BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (new.lead_id);
END;
CREATE TRIGGER scores_due_touchpoint_update AFTER UPDATE OF lead_id, kind, occurred_at, deleted_at ON touchpoints BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (old.lead_id), (new.lead_id);
END;
CREATE TRIGGER scores_due_touchpoint_delete AFTER DELETE ON touchpoints BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (old.lead_id);
END;

CREATE TRIGGER scores_due_activity_insert AFTER INSERT ON activities WHEN new.done_at IS NOT NULL BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (new.lead_id);
END;
CREATE TRIGGER scores_due_activity_update AFTER UPDATE OF lead_id, kind, done_at, deleted_at ON activities BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (old.lead_id), (new.lead_id);
END;
CREATE TRIGGER scores_due_activity_delete AFTER DELETE ON activities BEGIN
    INSERT OR IGNORE INTO scores_due VALUES (old.lead_id);
END;

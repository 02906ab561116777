-- Each live lead's and deal's credit to campaigns under each attribution model (model/attribution.rs),
-- kept like scores (0013): triggers mark a lead whose touchpoints, deals or tombstone changed, and
-- the write that changed it credits it again before it commits (store/credits.rs). Attribution
-- over a period then sums shares instead of replaying every touchpoint of the workspace.
CREATE TABLE credits (
    lead_id     TEXT NOT NULL,
    model       INTEGER NOT NULL CHECK (model IN (0, 1, 2)),  -- first, last, linear
    campaign_id TEXT,                                         -- NULL: credited to no campaign
    what        INTEGER NOT NULL CHECK (what IN (0, 1, 2, 3)), -- the lead; an open, won, lost deal
    currency    TEXT,                                         -- deals only
    day         TEXT NOT NULL,                                -- the lead's or deal's creation day (UTC)
    share       REAL NOT NULL,
    value       REAL                                          -- deals only: value_minor × share
) STRICT;
-- Sums per campaign come out of this index in order, without a sort.
CREATE INDEX credits_summed ON credits (model, campaign_id, what, currency, day, share, value);
CREATE INDEX credits_by_lead ON credits (lead_id);

CREATE TABLE credits_due (
    lead_id     TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO credits_due SELECT id FROM leads;

CREATE TRIGGER credits_due_lead_insert AFTER INSERT ON leads BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (new.id);
END;
CREATE TRIGGER credits_due_lead_update AFTER UPDATE OF deleted_at, created_at ON leads BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (new.id);
END;

CREATE TRIGGER credits_due_touchpoint_insert AFTER INSERT ON touchpoints BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (new.lead_id);
END;
CREATE TRIGGER credits_due_touchpoint_update AFTER UPDATE OF lead_id, campaign_id, occurred_at, deleted_at ON touchpoints BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (old.lead_id), (new.lead_id);
END;
CREATE TRIGGER credits_due_touchpoint_delete AFTER DELETE ON touchpoints BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (old.lead_id);
END;

CREATE TRIGGER credits_due_deal_insert AFTER INSERT ON deals BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (new.lead_id);
END;
CREATE TRIGGER credits_due_deal_update AFTER UPDATE OF lead_id, status, value_minor, currency, created_at, deleted_at ON deals BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (old.lead_id), (new.lead_id);
END;
CREATE TRIGGER credits_due_deal_delete AFTER DELETE ON deals BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (old.lead_id);
END;

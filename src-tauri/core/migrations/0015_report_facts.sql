-- What the reports read beyond the tables themselves (see store/reports.rs).
--
-- Each lead's credit row also carries how far the lead got (`reached`: 0 subscriber … 5 customer,
-- from its stage and its stage history) and whose it is (`owner`; a deal's row: the deal's owner),
-- so the funnel and campaign performance are sums of one index like attribution.
ALTER TABLE credits ADD COLUMN reached INTEGER;
ALTER TABLE credits ADD COLUMN owner TEXT;
DROP INDEX credits_summed;
CREATE INDEX credits_summed ON credits (model, campaign_id, what, currency, reached, day, owner, share, value);

CREATE TRIGGER credits_due_lead_progress AFTER UPDATE OF lifecycle_stage, owner ON leads BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (new.id);
END;
CREATE TRIGGER credits_due_deal_owner AFTER UPDATE OF owner ON deals BEGIN
    INSERT OR IGNORE INTO credits_due VALUES (new.lead_id);
END;
INSERT OR IGNORE INTO credits_due SELECT id FROM leads;

-- The activity report groups by owner and kind in this order, reading no row of the table.
CREATE INDEX activities_report ON activities (owner, kind, due_at, done_at) WHERE deleted_at IS NULL;

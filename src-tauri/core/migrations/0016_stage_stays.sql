-- Velocity (store/reports.rs) reads how long each stay in a stage lasted. A stay is a row of
-- deal_stage_changes; it ends (`left_at`) when the deal's next change is recorded or the deal is
-- closed, and reopening the deal resumes its last stay. Triggers keep both columns, so no write
-- path can forget them; `stay_days` is kept so a year of stays is summed without date arithmetic.
ALTER TABLE deal_stage_changes ADD COLUMN left_at TEXT;
ALTER TABLE deal_stage_changes ADD COLUMN stay_days REAL;

UPDATE deal_stage_changes AS c SET left_at = coalesce(
    (SELECT min(n.changed_at) FROM deal_stage_changes n
     WHERE n.deal_id = c.deal_id AND (n.changed_at > c.changed_at OR n.changed_at = c.changed_at AND n.id > c.id)),
    (SELECT coalesce(d.won_at, d.lost_at) FROM deals d WHERE d.id = c.deal_id AND d.status <> 'open'));
UPDATE deal_stage_changes SET stay_days = julianday(left_at) - julianday(changed_at) WHERE left_at IS NOT NULL;

CREATE INDEX deal_stays_ended ON deal_stage_changes (left_at, to_stage_id, stay_days, deal_id) WHERE left_at IS NOT NULL;
-- Tombstoned deals are few; their stays are left out by this list.
CREATE INDEX deals_deleted ON deals (deleted_at) WHERE deleted_at IS NOT NULL;
-- Open deals' time in their stage so far, per stage, without reading the table.
CREATE INDEX deals_open_stays ON deals (stage_id, stage_entered_at, owner)
    WHERE deleted_at IS NULL AND status = 'open';

CREATE TRIGGER stays_end_on_change AFTER INSERT ON deal_stage_changes BEGIN
    UPDATE deal_stage_changes
    SET left_at = new.changed_at, stay_days = julianday(new.changed_at) - julianday(changed_at)
    WHERE deal_id = new.deal_id AND left_at IS NULL AND id <> new.id;
END;
CREATE TRIGGER stays_follow_status AFTER UPDATE OF status, won_at, lost_at ON deals BEGIN
    UPDATE deal_stage_changes
    SET left_at = CASE WHEN new.status = 'open' THEN NULL ELSE coalesce(new.won_at, new.lost_at) END,
        stay_days = CASE WHEN new.status = 'open' THEN NULL
                         ELSE julianday(coalesce(new.won_at, new.lost_at)) - julianday(changed_at) END
    WHERE id = (SELECT id FROM deal_stage_changes WHERE deal_id = new.id ORDER BY changed_at DESC, id DESC LIMIT 1);
END;

-- Keeps the leads list cheap on large workspaces:
-- 1. the full-text index holds live leads only, so counting matches needs no join;
-- 2. lead_tallies keeps live-lead counts per facet, so a page never counts 100,000 rows.

DROP TRIGGER lead_search_insert;
DROP TRIGGER lead_search_update;
DELETE FROM lead_search WHERE rowid IN (SELECT seq FROM leads WHERE deleted_at IS NOT NULL);

CREATE TRIGGER lead_search_insert AFTER INSERT ON leads WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO lead_search (rowid, name, email, company, notes)
    VALUES (new.seq, new.name, new.email,
            (SELECT name FROM companies WHERE id = new.company_id), new.notes);
END;

-- Also runs on tombstone (the row leaves the index) and restore (it comes back).
CREATE TRIGGER lead_search_update AFTER UPDATE OF name, email, company_id, notes, deleted_at ON leads BEGIN
    DELETE FROM lead_search WHERE rowid = old.seq;
    INSERT INTO lead_search (rowid, name, email, company, notes)
    SELECT new.seq, new.name, new.email,
           (SELECT name FROM companies WHERE id = new.company_id), new.notes
    WHERE new.deleted_at IS NULL;
END;

-- facet: 'all' (value ''), 'stage' (lifecycle stage), 'owner' (owner name), 'tag' (tag id).
CREATE TABLE lead_tallies (
    facet   TEXT NOT NULL,
    value   TEXT NOT NULL,
    live    INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) STRICT, WITHOUT ROWID;

INSERT INTO lead_tallies (facet, value, live)
SELECT 'all', '', count(*) FROM leads WHERE deleted_at IS NULL;
INSERT INTO lead_tallies (facet, value, live)
SELECT 'stage', lifecycle_stage, count(*) FROM leads WHERE deleted_at IS NULL GROUP BY lifecycle_stage;
INSERT INTO lead_tallies (facet, value, live)
SELECT 'owner', owner, count(*) FROM leads WHERE deleted_at IS NULL AND owner IS NOT NULL GROUP BY owner;
INSERT INTO lead_tallies (facet, value, live)
SELECT 'tag', lt.tag_id, count(*) FROM lead_tags lt JOIN leads l ON l.id = lt.lead_id
WHERE l.deleted_at IS NULL GROUP BY lt.tag_id;

CREATE TRIGGER lead_tallies_insert AFTER INSERT ON leads WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO lead_tallies VALUES ('all', '', 1) ON CONFLICT DO UPDATE SET live = live + 1;
    INSERT INTO lead_tallies VALUES ('stage', new.lifecycle_stage, 1) ON CONFLICT DO UPDATE SET live = live + 1;
    INSERT INTO lead_tallies SELECT 'owner', new.owner, 1 WHERE new.owner IS NOT NULL
        ON CONFLICT DO UPDATE SET live = live + 1;
END;

-- BEFORE, because ON DELETE CASCADE removes the lead's tags before AFTER triggers run.
CREATE TRIGGER lead_tallies_delete BEFORE DELETE ON leads WHEN old.deleted_at IS NULL BEGIN
    UPDATE lead_tallies SET live = live - 1 WHERE facet = 'all' AND value = '';
    UPDATE lead_tallies SET live = live - 1 WHERE facet = 'stage' AND value = old.lifecycle_stage;
    UPDATE lead_tallies SET live = live - 1 WHERE facet = 'owner' AND value = old.owner;
    UPDATE lead_tallies SET live = live - 1
    WHERE facet = 'tag' AND value IN (SELECT tag_id FROM lead_tags WHERE lead_id = old.id);
END;

CREATE TRIGGER lead_tallies_update AFTER UPDATE OF deleted_at, lifecycle_stage, owner ON leads BEGIN
    UPDATE lead_tallies SET live = live - 1 WHERE old.deleted_at IS NULL AND facet = 'all' AND value = '';
    UPDATE lead_tallies SET live = live - 1
    WHERE old.deleted_at IS NULL AND facet = 'stage' AND value = old.lifecycle_stage;
    UPDATE lead_tallies SET live = live - 1 WHERE old.deleted_at IS NULL AND facet = 'owner' AND value = old.owner;
    UPDATE lead_tallies SET live = live - 1
    WHERE old.deleted_at IS NULL AND new.deleted_at IS NOT NULL
      AND facet = 'tag' AND value IN (SELECT tag_id FROM lead_tags WHERE lead_id = old.id);

    INSERT INTO lead_tallies SELECT 'all', '', 1 WHERE new.deleted_at IS NULL
        ON CONFLICT DO UPDATE SET live = live + 1;
    INSERT INTO lead_tallies SELECT 'stage', new.lifecycle_stage, 1 WHERE new.deleted_at IS NULL
        ON CONFLICT DO UPDATE SET live = live + 1;
    INSERT INTO lead_tallies SELECT 'owner', new.owner, 1 WHERE new.deleted_at IS NULL AND new.owner IS NOT NULL
        ON CONFLICT DO UPDATE SET live = live + 1;
    INSERT INTO lead_tallies SELECT 'tag', tag_id, 1 FROM lead_tags
        WHERE lead_id = new.id AND old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
        ON CONFLICT DO UPDATE SET live = live + 1;
END;

-- A lead's tags change while it is live; a hard-deleted lead's tags are gone from leads already.
CREATE TRIGGER lead_tallies_tag_insert AFTER INSERT ON lead_tags
WHEN EXISTS (SELECT 1 FROM leads WHERE id = new.lead_id AND deleted_at IS NULL) BEGIN
    INSERT INTO lead_tallies VALUES ('tag', new.tag_id, 1) ON CONFLICT DO UPDATE SET live = live + 1;
END;

CREATE TRIGGER lead_tallies_tag_delete AFTER DELETE ON lead_tags
WHEN EXISTS (SELECT 1 FROM leads WHERE id = old.lead_id AND deleted_at IS NULL) BEGIN
    UPDATE lead_tallies SET live = live - 1 WHERE facet = 'tag' AND value = old.tag_id;
END;

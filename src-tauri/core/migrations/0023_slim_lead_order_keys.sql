-- The leads list's order indexes end in the row number, which every index entry carries anyway,
-- instead of the 36-character id: ties keep creation order (ids and row numbers rise together),
-- each entry is about 37 bytes smaller, and a large import has fewer index pages to write.
-- `leads_by_stage` and `leads_by_owner` (filter, then name) now give a list's whole order too.
DROP INDEX leads_by_name;
CREATE INDEX leads_by_name ON leads (name COLLATE NOCASE) WHERE deleted_at IS NULL;
DROP INDEX leads_by_created;
CREATE INDEX leads_by_created ON leads (created_at) WHERE deleted_at IS NULL;
DROP INDEX leads_by_updated;
CREATE INDEX leads_by_updated ON leads (updated_at) WHERE deleted_at IS NULL;
DROP INDEX leads_by_score;
CREATE INDEX leads_by_score ON leads (score) WHERE deleted_at IS NULL;

-- The board's owner filter lists the owners of open deals; this index answers that without
-- reading the deals table (which holds every card's borrowed text).
CREATE INDEX deals_open_by_owner ON deals (owner) WHERE deleted_at IS NULL AND status = 'open';

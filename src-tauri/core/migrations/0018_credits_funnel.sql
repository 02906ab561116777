-- The funnel of the whole workspace (no campaign chosen) walks one model's lead credits in the
-- order it groups them, by how far each lead got, with no sort: half the time of walking
-- `credits_summed`, which is ordered by campaign first (that one stays for a chosen campaign).
CREATE INDEX credits_funnel ON credits (model, what, reached, day, owner, share);

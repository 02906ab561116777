-- Attribution reads every live touchpoint by lead and time with its campaign: from this index
-- alone, in order, instead of a table lookup per touchpoint.
CREATE INDEX touchpoints_attribution ON touchpoints (lead_id, occurred_at, campaign_id, deleted_at)
    WHERE deleted_at IS NULL;

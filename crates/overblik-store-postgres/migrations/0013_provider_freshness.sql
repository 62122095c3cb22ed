-- Each authority's freshness: when it last delivered, and after how many days without a
-- delivery its data counts as stale (its registration's promise; NULL: none made).
ALTER TABLE providers ADD COLUMN stale_after_days integer;
ALTER TABLE providers ADD COLUMN last_delivery_at timestamptz;
-- An authority that delivered before this column last delivered when its latest record
-- (or deletion marker) arrived.
UPDATE providers
SET last_delivery_at = (SELECT max(stored_at) FROM record_heads WHERE record_heads.provider_id = providers.id);

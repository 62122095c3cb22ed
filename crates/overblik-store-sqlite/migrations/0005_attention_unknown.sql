-- The rows the store still has to fill `attention_until` in for at start. The index is empty
-- once it has, so looking for them on later starts costs nothing instead of a scan of every
-- record.
CREATE INDEX records_attention_unknown ON records (seq)
    WHERE attention_until IS NULL AND body IS NOT NULL;

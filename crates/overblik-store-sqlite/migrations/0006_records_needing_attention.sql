-- The records that may ever need the citizen's attention (a few in a hundred: most of a
-- history never will), by subject and until when. The overview seeks straight to a
-- citizen's current ones instead of reading their whole history in `records_by_subject`.
-- The smallest integer is `attention_until` for "never"; queries repeat the condition
-- literally so SQLite can use the index.
CREATE INDEX records_needing_attention ON records (subject, attention_until)
    WHERE attention_until > -9223372036854775808;

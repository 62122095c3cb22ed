-- Every proof's id is kept until it expires and the expired ones are removed before each new
-- one is kept; with DPoP proofs (one a request of a service) the table holds thousands, so
-- the removal finds them by their expiry instead of reading them all.
CREATE INDEX assertion_ids_by_expiry ON assertion_ids (expires_at);

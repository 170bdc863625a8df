-- Schema 4: interaction ids already taken (SQLite schema 8), shared by every instance, so an interaction delivered
-- twice or to two instances is handled once. A row is a receipt valid until expires_at (UTC milliseconds); an
-- expired row counts as absent and is swept in small batches. The id is the snowflake's 64 bits as a signed bigint.
CREATE TABLE interaction_receipts (
    id         bigint NOT NULL PRIMARY KEY,
    expires_at bigint NOT NULL
);

CREATE INDEX ix_interaction_receipts_expiry ON interaction_receipts (expires_at);

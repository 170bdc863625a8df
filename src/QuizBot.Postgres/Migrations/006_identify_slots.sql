-- Schema 5: the gateway's identify slots (SQLite schema 9), one row per rate-limit bucket (shard_id % max_concurrency),
-- so every process running shards of one bot identifies at most one per bucket per 5 s between them. next_allowed_at
-- (UTC milliseconds) is when the bucket may identify again; a claim moves it forward only once it has passed.
CREATE TABLE identify_slots (
    bucket          integer NOT NULL PRIMARY KEY,
    next_allowed_at bigint  NOT NULL
);

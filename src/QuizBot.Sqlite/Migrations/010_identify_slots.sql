-- Schema 9: the gateway's identify slots, one row per rate-limit bucket (shard_id % max_concurrency), so processes
-- sharing this file running shards of one bot identify at most one per bucket per 5 s between them. next_allowed_at
-- (UTC milliseconds) is when the bucket may identify again; a claim moves it forward only once it has passed.
CREATE TABLE identify_slots (
    bucket          INTEGER NOT NULL PRIMARY KEY,
    next_allowed_at INTEGER NOT NULL
);

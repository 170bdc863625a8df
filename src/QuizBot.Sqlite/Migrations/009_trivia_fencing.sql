-- Schema 9: fencing for trivia's posts. A driver that stalls longer than its lease (a GC pause, a slow Discord call)
-- must not post or record a step another instance has taken over.
-- lease_epoch counts the lease's tenures: it goes up whenever the lease is taken rather than renewed, and every
-- lease-guarded write names the tenure it was decided under.
-- The *_claim columns hold the tenure that claimed sending a message Discord cannot de-duplicate (an interaction
-- follow-up: Execute Webhook takes no nonce); only that tenure ever sends it.
ALTER TABLE trivia_games ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE trivia_games ADD COLUMN standings_claim INTEGER;
ALTER TABLE trivia_rounds ADD COLUMN question_claim INTEGER;
ALTER TABLE trivia_rounds ADD COLUMN reveal_claim INTEGER;

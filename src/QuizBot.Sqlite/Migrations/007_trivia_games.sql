-- Schema 7: live trivia games live in the database, so a restart or a second instance carries them on.
-- A game row with its lease (which instance drives it, until when), one row per round, one per press.
-- Times are UTC milliseconds since 1970-01-01; Discord ids are text.

CREATE TABLE trivia_games (
    id                TEXT    NOT NULL PRIMARY KEY,
    scope             TEXT    NOT NULL,
    channel_id        TEXT    NOT NULL,
    deck_id           TEXT    NOT NULL,
    topic             TEXT,
    title             TEXT    NOT NULL,
    seed              INTEGER NOT NULL,
    seconds           INTEGER NOT NULL CHECK (seconds > 0),
    round_count       INTEGER NOT NULL CHECK (round_count > 0),
    starter_user_id   TEXT    NOT NULL,
    starter_name      TEXT    NOT NULL,
    started_at        INTEGER NOT NULL,
    -- The start interaction's token: every message of the game goes through it. Deleted once nothing is left to post.
    interaction_token TEXT,
    token_expires_at  INTEGER NOT NULL,
    current_round     INTEGER NOT NULL,
    -- NULL while the game runs; then Completed, Stopped, TokenExpired, Unattended or DiscordFailed.
    end_reason        TEXT,
    stopped_by        TEXT,
    ended_at          INTEGER,
    standings_posted  INTEGER NOT NULL DEFAULT 0 CHECK (standings_posted IN (0, 1)),
    lease_owner       TEXT,
    lease_expires_at  INTEGER NOT NULL DEFAULT 0,
    CHECK (current_round >= 0 AND current_round < round_count)
);

-- One running game per channel, whichever instance started it.
CREATE UNIQUE INDEX ux_trivia_games_running_channel ON trivia_games (channel_id) WHERE end_reason IS NULL;

-- What the schedulers read: the games with work left.
CREATE INDEX ix_trivia_games_active ON trivia_games (id) WHERE end_reason IS NULL OR interaction_token IS NOT NULL;

CREATE TABLE trivia_rounds (
    game_id          TEXT    NOT NULL REFERENCES trivia_games (id) ON DELETE CASCADE,
    round_index      INTEGER NOT NULL CHECK (round_index >= 0),
    question_id      TEXT    NOT NULL,
    choice_order     TEXT    NOT NULL,   -- JSON array: presented position -> index in the question's choices
    opened_at        INTEGER,
    deadline         INTEGER,
    message_id       TEXT,               -- the follow-up showing the question; round 0 is the start's own response
    closed_at        INTEGER,            -- presses stop here: the reveal's compare-and-set
    reveal_posted_at INTEGER,
    PRIMARY KEY (game_id, round_index),
    CHECK ((opened_at IS NULL) = (deadline IS NULL)),
    CHECK (closed_at IS NULL OR deadline IS NOT NULL),
    CHECK (reveal_posted_at IS NULL OR closed_at IS NOT NULL)
) WITHOUT ROWID;

-- The primary key is the rule: one press per member per round.
CREATE TABLE trivia_presses (
    game_id      TEXT    NOT NULL,
    round_index  INTEGER NOT NULL,
    user_id      TEXT    NOT NULL,
    scope        TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    choice       INTEGER NOT NULL CHECK (choice >= 0),
    correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
    points       INTEGER NOT NULL CHECK (points >= 0),
    pressed_at   INTEGER NOT NULL,
    PRIMARY KEY (game_id, round_index, user_id),
    FOREIGN KEY (game_id, round_index) REFERENCES trivia_rounds (game_id, round_index) ON DELETE CASCADE
) WITHOUT ROWID;

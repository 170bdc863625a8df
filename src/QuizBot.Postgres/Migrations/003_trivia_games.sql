-- Schema 3: live trivia games (SQLite schema 7), so any instance answers a press and a game keeps going when the
-- instance driving it stops: the game row carries its lease (which instance drives it, until when).
-- Times are UTC milliseconds since 1970-01-01; Discord ids are text.

CREATE TABLE trivia_games (
    id                text    NOT NULL PRIMARY KEY,
    scope             text    NOT NULL,
    channel_id        text    NOT NULL,
    deck_id           text    NOT NULL,
    topic             text,
    title             text    NOT NULL,
    seed              bigint  NOT NULL,
    seconds           bigint  NOT NULL CHECK (seconds > 0),
    round_count       bigint  NOT NULL CHECK (round_count > 0),
    starter_user_id   text    NOT NULL,
    starter_name      text    NOT NULL,
    started_at        bigint  NOT NULL,
    -- The start interaction's token: every message of the game goes through it. Deleted once nothing is left to post.
    interaction_token text,
    token_expires_at  bigint  NOT NULL,
    current_round     bigint  NOT NULL,
    -- NULL while the game runs; then Completed, Stopped, TokenExpired, Unattended or DiscordFailed.
    end_reason        text,
    stopped_by        text,
    ended_at          bigint,
    standings_posted  bigint  NOT NULL DEFAULT 0 CHECK (standings_posted IN (0, 1)),
    lease_owner       text,
    lease_expires_at  bigint  NOT NULL DEFAULT 0,
    CHECK (current_round >= 0 AND current_round < round_count)
);

-- One running game per channel, whichever instance started it.
CREATE UNIQUE INDEX ux_trivia_games_running_channel ON trivia_games (channel_id) WHERE end_reason IS NULL;

-- What the schedulers read: the games with work left.
CREATE INDEX ix_trivia_games_active ON trivia_games (id) WHERE end_reason IS NULL OR interaction_token IS NOT NULL;

CREATE TABLE trivia_rounds (
    game_id          text   NOT NULL REFERENCES trivia_games (id) ON DELETE CASCADE,
    round_index      bigint NOT NULL CHECK (round_index >= 0),
    question_id      text   NOT NULL,
    choice_order     text   NOT NULL,   -- JSON array: presented position -> index in the question's choices
    opened_at        bigint,
    deadline         bigint,
    message_id       text,              -- the follow-up showing the question; round 0 is the start's own response
    closed_at        bigint,            -- presses stop here: the reveal's compare-and-set
    reveal_posted_at bigint,
    PRIMARY KEY (game_id, round_index),
    CHECK ((opened_at IS NULL) = (deadline IS NULL)),
    CHECK (closed_at IS NULL OR deadline IS NOT NULL),
    CHECK (reveal_posted_at IS NULL OR closed_at IS NOT NULL)
);

-- The primary key is the rule: one press per member per round.
CREATE TABLE trivia_presses (
    game_id      text   NOT NULL,
    round_index  bigint NOT NULL,
    user_id      text   COLLATE "C" NOT NULL,
    scope        text   NOT NULL,
    display_name text   NOT NULL,
    choice       bigint NOT NULL CHECK (choice >= 0),
    correct      bigint NOT NULL CHECK (correct IN (0, 1)),
    points       bigint NOT NULL CHECK (points >= 0),
    pressed_at   bigint NOT NULL,
    PRIMARY KEY (game_id, round_index, user_id),
    FOREIGN KEY (game_id, round_index) REFERENCES trivia_rounds (game_id, round_index) ON DELETE CASCADE
);

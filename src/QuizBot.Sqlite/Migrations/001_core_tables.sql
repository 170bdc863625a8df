-- Schema 1: the facts the bot must never lose.
-- Times are UTC milliseconds since 1970-01-01; lists are JSON arrays of strings.

CREATE TABLE users (
    scope        TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id)
) WITHOUT ROWID;

CREATE TABLE quiz_sessions (
    id           TEXT    NOT NULL PRIMARY KEY,
    scope        TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    deck_id      TEXT    NOT NULL,
    mode         TEXT    NOT NULL,
    topic        TEXT,
    question_ids TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    answered     INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    streak       INTEGER NOT NULL,
    best_streak  INTEGER NOT NULL,
    seed         INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER
);

CREATE INDEX ix_quiz_sessions_active ON quiz_sessions (scope, user_id, mode, started_at) WHERE finished_at IS NULL;

-- One row per answer ever scored. UNIQUE (session_id, question_index) is what makes a retry or a double
-- click count once.
CREATE TABLE answers (
    id             INTEGER NOT NULL PRIMARY KEY,
    scope          TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    session_id     TEXT    NOT NULL,
    question_index INTEGER NOT NULL,
    question_id    TEXT    NOT NULL,
    fact_id        TEXT    NOT NULL,
    topics         TEXT    NOT NULL,
    correct        INTEGER NOT NULL CHECK (correct IN (0, 1)),
    points         INTEGER NOT NULL CHECK (points >= 0),
    mode           TEXT    NOT NULL,
    answered_at    INTEGER NOT NULL,
    UNIQUE (session_id, question_index),
    FOREIGN KEY (scope, user_id) REFERENCES users (scope, user_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX ix_answers_player_question ON answers (scope, user_id, question_id, answered_at);

-- Lifetime totals per player and scope, kept in the same transaction as each answer.
-- streak counts the player's consecutive right answers in this scope, in the order they were stored.
CREATE TABLE player_totals (
    scope       TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    points      INTEGER NOT NULL,
    answered    INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    streak      INTEGER NOT NULL,
    best_streak INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id)
) WITHOUT ROWID;

CREATE TABLE card_states (
    scope       TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    card_id     TEXT    NOT NULL,
    phase       INTEGER NOT NULL,
    step        INTEGER NOT NULL,
    stability   REAL    NOT NULL,
    difficulty  REAL    NOT NULL,
    due         INTEGER NOT NULL,
    last_review INTEGER,
    reps        INTEGER NOT NULL,
    lapses      INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id, card_id)
) WITHOUT ROWID;

CREATE TABLE review_log (
    id             INTEGER NOT NULL PRIMARY KEY,
    scope          TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    card_id        TEXT    NOT NULL,
    rating         INTEGER NOT NULL,
    reviewed_at    INTEGER NOT NULL,
    elapsed_days   REAL    NOT NULL,
    scheduled_days REAL    NOT NULL,
    phase_before   INTEGER NOT NULL,
    FOREIGN KEY (scope, user_id, card_id) REFERENCES card_states (scope, user_id, card_id) ON DELETE CASCADE
);

CREATE INDEX ix_review_log_card ON review_log (scope, user_id, card_id, reviewed_at);

CREATE TABLE question_reports (
    id          INTEGER NOT NULL PRIMARY KEY,
    scope       TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    reported_at INTEGER NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
);

CREATE INDEX ix_question_reports_scope ON question_reports (scope, resolved, reported_at);

CREATE TABLE guild_settings (
    scope             TEXT    NOT NULL PRIMARY KEY,
    daily_channel_id  TEXT,
    daily_hour_utc    INTEGER NOT NULL CHECK (daily_hour_utc BETWEEN 0 AND 23),
    season_started_at INTEGER
);

-- Schema 1: what SQLite schemas 1 to 4 hold, in one step (PostgreSQL starts with no older data to carry).
-- Times are UTC milliseconds since 1970-01-01 and days whole UTC days since then, as in the SQLite store, so the
-- same arithmetic serves both and a copy between them changes no value.

CREATE TABLE users (
    scope        text    NOT NULL,
    user_id      text    NOT NULL,
    display_name text    NOT NULL,
    updated_at   bigint  NOT NULL,
    PRIMARY KEY (scope, user_id)
);

-- seq orders sessions started in the same millisecond (SQLite uses its rowid).
CREATE TABLE quiz_sessions (
    id           text    NOT NULL PRIMARY KEY,
    seq          bigint  GENERATED ALWAYS AS IDENTITY,
    scope        text    NOT NULL,
    user_id      text    NOT NULL,
    deck_id      text    NOT NULL,
    mode         text    NOT NULL,
    topic        text,
    question_ids text[]  NOT NULL,
    position     integer NOT NULL,
    answered     integer NOT NULL,
    correct      integer NOT NULL,
    points       integer NOT NULL,
    streak       integer NOT NULL,
    best_streak  integer NOT NULL,
    seed         integer NOT NULL,
    started_at   bigint  NOT NULL,
    finished_at  bigint
);

CREATE INDEX ix_quiz_sessions_active ON quiz_sessions (scope, user_id, mode, started_at) WHERE finished_at IS NULL;

-- One row per answer ever scored. UNIQUE (session_id, question_index) makes a retry or a double click count once,
-- also when two instances take the same click at the same moment.
CREATE TABLE answers (
    id             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope          text    NOT NULL,
    user_id        text    NOT NULL,
    session_id     text    NOT NULL,
    question_index integer NOT NULL,
    question_id    text    NOT NULL,
    fact_id        text    NOT NULL,
    topics         text[]  NOT NULL,
    correct        integer NOT NULL CHECK (correct IN (0, 1)),
    points         integer NOT NULL CHECK (points >= 0),
    mode           text    NOT NULL,
    answered_at    bigint  NOT NULL,
    UNIQUE (session_id, question_index),
    FOREIGN KEY (scope, user_id) REFERENCES users (scope, user_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX ix_answers_player_question ON answers (scope, user_id, question_id, answered_at);
CREATE INDEX ix_answers_scope_time ON answers (scope, answered_at);

-- Lifetime totals per player and scope, kept in the same transaction as each answer.
CREATE TABLE player_totals (
    scope       text    NOT NULL,
    user_id     text    NOT NULL,
    points      integer NOT NULL,
    answered    integer NOT NULL,
    correct     integer NOT NULL,
    streak      integer NOT NULL,
    best_streak integer NOT NULL,
    PRIMARY KEY (scope, user_id)
);

CREATE TABLE card_states (
    scope       text             NOT NULL,
    user_id     text             NOT NULL,
    card_id     text             NOT NULL,
    phase       integer          NOT NULL,
    step        integer          NOT NULL,
    stability   double precision NOT NULL,
    difficulty  double precision NOT NULL,
    due         bigint           NOT NULL,
    last_review bigint,
    reps        integer          NOT NULL,
    lapses      integer          NOT NULL,
    PRIMARY KEY (scope, user_id, card_id)
);

CREATE TABLE review_log (
    id             bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope          text             NOT NULL,
    user_id        text             NOT NULL,
    card_id        text             NOT NULL,
    rating         integer          NOT NULL,
    reviewed_at    bigint           NOT NULL,
    elapsed_days   double precision NOT NULL,
    scheduled_days double precision NOT NULL,
    phase_before   integer          NOT NULL,
    FOREIGN KEY (scope, user_id, card_id) REFERENCES card_states (scope, user_id, card_id) ON DELETE CASCADE
);

CREATE INDEX ix_review_log_card ON review_log (scope, user_id, card_id, reviewed_at);

CREATE TABLE question_reports (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope       text    NOT NULL,
    user_id     text    NOT NULL,
    question_id text    NOT NULL,
    reason      text    NOT NULL,
    reported_at bigint  NOT NULL,
    resolved    boolean NOT NULL DEFAULT false
);

CREATE INDEX ix_question_reports_scope ON question_reports (scope, resolved, reported_at);

CREATE TABLE guild_settings (
    scope             text    COLLATE "C" NOT NULL PRIMARY KEY,
    daily_channel_id  text,
    daily_hour_utc    integer NOT NULL CHECK (daily_hour_utc BETWEEN 0 AND 23),
    season_started_at bigint
);

CREATE INDEX ix_guild_settings_daily ON guild_settings (daily_hour_utc) WHERE daily_channel_id IS NOT NULL;

-- Leaderboard rollups (user ids compare bytewise, as in SQLite, whatever the database's locale): one row per player and period, kind 'week' (period_start = day number of its Monday),
-- 'month' (day number of its 1st) or 'all' (0). Only answers at or after the scope's season start count.
-- scored_at is the time of the last answer that scored points (0 when none): among equal points the player who
-- got there first ranks higher.
CREATE TABLE score_periods (
    scope        text    NOT NULL,
    kind         text    NOT NULL CHECK (kind IN ('week', 'month', 'all')),
    period_start bigint  NOT NULL,
    user_id      text    COLLATE "C" NOT NULL,
    points       integer NOT NULL,
    answered     integer NOT NULL,
    correct      integer NOT NULL,
    scored_at    bigint  NOT NULL,
    PRIMARY KEY (scope, kind, period_start, user_id)
);

CREATE INDEX ix_score_periods_points
    ON score_periods (scope, kind, period_start, points DESC, scored_at, user_id);

-- Ranking by accuracy needs 10 answers in the period; the partial index holds only those rows and carries the
-- counts, so a page and the ties around a player are read from the index alone.
CREATE INDEX ix_score_periods_accuracy
    ON score_periods (scope, kind, period_start, (correct::double precision / answered) DESC, points DESC, scored_at, user_id)
    INCLUDE (correct, answered)
    WHERE answered >= 10;

-- Rank buckets: how many players of a board share each value of its first sort key, so players ahead of someone
-- are a sum over a few hundred buckets plus a count inside their own value. A bucket that empties is deleted.
CREATE TABLE score_buckets (
    scope        text             NOT NULL,
    kind         text             NOT NULL,
    period_start bigint           NOT NULL,
    metric       text             NOT NULL CHECK (metric IN ('points', 'accuracy')),
    value        double precision NOT NULL,
    players      integer          NOT NULL CHECK (players >= 0),
    PRIMARY KEY (scope, kind, period_start, metric, value)
);

-- Lifetime answers per player and UTC day (day streaks).
CREATE TABLE score_days (
    scope    text    NOT NULL,
    user_id  text    NOT NULL,
    day      bigint  NOT NULL,
    points   integer NOT NULL,
    answered integer NOT NULL,
    correct  integer NOT NULL,
    PRIMARY KEY (scope, user_id, day)
);

-- Lifetime accuracy per player and topic.
CREATE TABLE player_topics (
    scope    text    NOT NULL,
    user_id  text    NOT NULL,
    topic    text    NOT NULL,
    answered integer NOT NULL,
    correct  integer NOT NULL,
    PRIMARY KEY (scope, user_id, topic)
);

-- The question of the day: one row per scope and UTC day, written when an instance claims the day and before it
-- posts, so across any number of instances and restarts a day is attempted once.
CREATE TABLE daily_questions (
    scope       text   NOT NULL,
    day         bigint NOT NULL,
    deck_id     text   NOT NULL,
    question_id text   NOT NULL,
    channel_id  text   NOT NULL,
    claimed_at  bigint NOT NULL,
    message_id  text,
    failure     text,
    PRIMARY KEY (scope, day)
);

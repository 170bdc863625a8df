-- Schema 2: rollups that make leaderboards and stats cheap, filled from the answers already stored.
-- A day number is the count of whole UTC days since 1970-01-01 (answered_at / 86400000).

-- One row per player and leaderboard period: kind 'week' (period_start = day number of its Monday),
-- 'month' (day number of its 1st) or 'all' (period_start = 0). Only answers at or after the scope's
-- season start count here. scored_at is the time of the last answer that scored points (0 when none),
-- so among equal points the player who got there first ranks higher.
CREATE TABLE score_periods (
    scope        TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('week', 'month', 'all')),
    period_start INTEGER NOT NULL,
    user_id      TEXT    NOT NULL,
    points       INTEGER NOT NULL,
    answered     INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    scored_at    INTEGER NOT NULL,
    PRIMARY KEY (scope, kind, period_start, user_id)
) WITHOUT ROWID;

CREATE INDEX ix_score_periods_points
    ON score_periods (scope, kind, period_start, points DESC, scored_at, user_id);

-- Ranking by accuracy needs 10 answers in the period; the partial index holds only those rows.
CREATE INDEX ix_score_periods_accuracy
    ON score_periods (scope, kind, period_start, (CAST(correct AS REAL) / answered) DESC, points DESC, scored_at, user_id)
    WHERE answered >= 10;

-- Lifetime answers per player and UTC day (day streaks).
CREATE TABLE score_days (
    scope    TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    day      INTEGER NOT NULL,
    points   INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    correct  INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id, day)
) WITHOUT ROWID;

-- Lifetime accuracy per player and topic.
CREATE TABLE player_topics (
    scope    TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    topic    TEXT    NOT NULL,
    answered INTEGER NOT NULL,
    correct  INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id, topic)
) WITHOUT ROWID;

-- A season reset recounts one scope's answers from its start.
CREATE INDEX ix_answers_scope_time ON answers (scope, answered_at);

INSERT INTO score_days (scope, user_id, day, points, answered, correct)
SELECT scope, user_id, answered_at / 86400000, SUM(points), COUNT(*), SUM(correct)
FROM answers
GROUP BY scope, user_id, answered_at / 86400000;

INSERT INTO player_topics (scope, user_id, topic, answered, correct)
SELECT a.scope, a.user_id, t.value, COUNT(*), SUM(a.correct)
FROM answers AS a, json_each(a.topics) AS t
GROUP BY a.scope, a.user_id, t.value;

INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
SELECT c.scope, 'week', c.day - (c.day + 3) % 7, c.user_id,
       SUM(c.points), COUNT(*), SUM(c.correct), COALESCE(MAX(CASE WHEN c.points > 0 THEN c.answered_at END), 0)
FROM (SELECT a.*, a.answered_at / 86400000 AS day
      FROM answers AS a LEFT JOIN guild_settings AS g ON g.scope = a.scope
      WHERE g.season_started_at IS NULL OR a.answered_at >= g.season_started_at) AS c
GROUP BY c.scope, c.day - (c.day + 3) % 7, c.user_id;

INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
SELECT c.scope, 'month', c.month_day, c.user_id,
       SUM(c.points), COUNT(*), SUM(c.correct), COALESCE(MAX(CASE WHEN c.points > 0 THEN c.answered_at END), 0)
FROM (SELECT a.*,
             CAST(julianday(date(a.answered_at / 1000, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER) AS month_day
      FROM answers AS a LEFT JOIN guild_settings AS g ON g.scope = a.scope
      WHERE g.season_started_at IS NULL OR a.answered_at >= g.season_started_at) AS c
GROUP BY c.scope, c.month_day, c.user_id;

INSERT INTO score_periods (scope, kind, period_start, user_id, points, answered, correct, scored_at)
SELECT a.scope, 'all', 0, a.user_id,
       SUM(a.points), COUNT(*), SUM(a.correct), COALESCE(MAX(CASE WHEN a.points > 0 THEN a.answered_at END), 0)
FROM answers AS a LEFT JOIN guild_settings AS g ON g.scope = a.scope
WHERE g.season_started_at IS NULL OR a.answered_at >= g.season_started_at
GROUP BY a.scope, a.user_id;

-- Schema 3: ranks without counting whole boards.
-- A caller's rank is 1 + the players ahead of them. Counting those rows one by one costs about 10 ms per
-- 100,000 players, so each board keeps how many players share each value of its first sort key: points, or
-- accuracy (correct / answered, only for players with 10+ answers). Players ahead = the sum over higher values
-- (a few hundred rows) + a count inside the caller's own value, which an index range answers.

CREATE TABLE score_buckets (
    scope        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    period_start INTEGER NOT NULL,
    metric       TEXT    NOT NULL CHECK (metric IN ('points', 'accuracy')),
    value        REAL    NOT NULL,
    players      INTEGER NOT NULL CHECK (players > 0),
    PRIMARY KEY (scope, kind, period_start, metric, value)
) WITHOUT ROWID;

INSERT INTO score_buckets (scope, kind, period_start, metric, value, players)
SELECT scope, kind, period_start, 'points', points, COUNT(*)
FROM score_periods
GROUP BY scope, kind, period_start, points;

INSERT INTO score_buckets (scope, kind, period_start, metric, value, players)
SELECT scope, kind, period_start, 'accuracy', CAST(correct AS REAL) / answered, COUNT(*)
FROM score_periods
WHERE answered >= 10
GROUP BY scope, kind, period_start, CAST(correct AS REAL) / answered;

-- The accuracy index also carries correct and answered, so counting ties never reads the table.
DROP INDEX ix_score_periods_accuracy;

CREATE INDEX ix_score_periods_accuracy
    ON score_periods (scope, kind, period_start, (CAST(correct AS REAL) / answered) DESC, points DESC, scored_at, user_id, correct, answered)
    WHERE answered >= 10;

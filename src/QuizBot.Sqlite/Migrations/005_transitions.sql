-- Schema 5: every quiz and study transition is one compare-and-set.
-- quiz_sessions.version is bumped by every transition; a transition names the version it expects.
ALTER TABLE quiz_sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- One open personal quiz per member and scope. Older duplicates left by earlier versions are closed first.
UPDATE quiz_sessions SET finished_at = started_at, version = version + 1
WHERE finished_at IS NULL AND mode IN ('Quiz', 'Review')
  AND EXISTS (
      SELECT 1 FROM quiz_sessions AS newer
      WHERE newer.scope = quiz_sessions.scope AND newer.user_id = quiz_sessions.user_id
        AND newer.finished_at IS NULL AND newer.mode IN ('Quiz', 'Review')
        AND (newer.started_at > quiz_sessions.started_at
             OR (newer.started_at = quiz_sessions.started_at AND newer.rowid > quiz_sessions.rowid)));

CREATE UNIQUE INDEX ux_quiz_sessions_open_personal ON quiz_sessions (scope, user_id)
WHERE finished_at IS NULL AND mode IN ('Quiz', 'Review');

-- How each question of a quiz was closed (answered, skipped, abandoned), so a second press replays the same
-- reveal, and a skip's reveal holds the question back from the member's new quizzes until the next UTC day.
CREATE TABLE quiz_steps (
    session_id     TEXT    NOT NULL,
    question_index INTEGER NOT NULL,
    scope          TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    question_id    TEXT    NOT NULL,
    kind           INTEGER NOT NULL,
    match          INTEGER NOT NULL,
    given          TEXT,
    points         INTEGER NOT NULL,
    streak_after   INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    PRIMARY KEY (session_id, question_index)
) WITHOUT ROWID;

CREATE INDEX ix_quiz_steps_revealed ON quiz_steps (user_id, at) WHERE kind = 1;

-- The flashcard on each player's screen: only it can be rated, once.
CREATE TABLE study_screens (
    scope   TEXT    NOT NULL,
    user_id TEXT    NOT NULL,
    card_id TEXT,
    version INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id)
) WITHOUT ROWID;

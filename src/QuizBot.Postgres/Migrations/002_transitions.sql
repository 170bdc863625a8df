-- Schema 2: every quiz and study transition is one compare-and-set (SQLite schema 5).
-- quiz_sessions.version is bumped by every transition; a transition names the version it expects.
ALTER TABLE quiz_sessions ADD COLUMN version integer NOT NULL DEFAULT 0;

-- One open personal quiz per member and scope: two instances starting a quiz for one member at once open one.
CREATE UNIQUE INDEX ux_quiz_sessions_open_personal ON quiz_sessions (scope, user_id)
WHERE finished_at IS NULL AND mode IN ('Quiz', 'Review');

-- The questions held back from a member's new quizzes: those in their open quizzes, in any scope.
CREATE INDEX ix_quiz_sessions_open_user ON quiz_sessions (user_id)
WHERE finished_at IS NULL AND mode IN ('Quiz', 'Review');

-- How each question of a quiz was closed (kind: 0 answered, 1 skipped, 2 abandoned), so a second press replays the
-- same reveal, and a skip's reveal holds the question back from the member's new quizzes until the next UTC day.
CREATE TABLE quiz_steps (
    session_id     text    NOT NULL,
    question_index integer NOT NULL,
    scope          text    NOT NULL,
    user_id        text    NOT NULL,
    question_id    text    NOT NULL,
    kind           integer NOT NULL,
    match          integer NOT NULL,
    given          text,
    points         integer NOT NULL,
    streak_after   integer NOT NULL,
    at             bigint  NOT NULL,
    PRIMARY KEY (session_id, question_index)
);

CREATE INDEX ix_quiz_steps_revealed ON quiz_steps (user_id, at) WHERE kind = 1;

-- The flashcard on each player's screen: only it can be rated, once.
CREATE TABLE study_screens (
    scope   text    NOT NULL,
    user_id text    NOT NULL,
    card_id text,
    version integer NOT NULL,
    PRIMARY KEY (scope, user_id)
);

-- Schema 4: the question of the day.
-- One row per scope and UTC day (day = whole days since 1970-01-01), written when the poster claims the day and
-- before it posts, so a day is attempted at most once even if two processes run or the bot restarts mid-post.
-- message_id is set once Discord accepted the post; failure says why it was not posted (retried the next day).

CREATE TABLE daily_questions (
    scope       TEXT    NOT NULL,
    day         INTEGER NOT NULL,
    deck_id     TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    claimed_at  INTEGER NOT NULL,
    message_id  TEXT,
    failure     TEXT,
    PRIMARY KEY (scope, day)
) WITHOUT ROWID;

-- The poster's once-a-minute question: which scopes with a channel are due.
CREATE INDEX ix_guild_settings_daily ON guild_settings (daily_hour_utc) WHERE daily_channel_id IS NOT NULL;

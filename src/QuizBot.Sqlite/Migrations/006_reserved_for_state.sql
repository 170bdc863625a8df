-- No schema change. The migrator needs contiguous numbers: while trivia (007) and the state work (005) were
-- built in parallel, 006 was held for the state work, which needed only 005. It stays a no-op so databases that
-- already recorded version 6 or 7 keep their numbering.
SELECT 1;

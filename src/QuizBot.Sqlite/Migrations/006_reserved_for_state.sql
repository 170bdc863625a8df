-- Placeholder: this number is reserved for the `state` branch's migration (issue 8), which lands separately.
-- The migrator needs contiguous numbers, so the trivia branch (migration 007) carries this no-op until then;
-- whoever merges both keeps state's script under this number and deletes this file.
SELECT 1;

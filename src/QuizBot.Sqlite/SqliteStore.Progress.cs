namespace QuizBot.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>Progress over time (answers per day, cards due per day) for the stats picture and charts.</summary>
    public SqlitePlayerProgressQuery Progress => new(database);
}

namespace QuizBot.Sqlite.Tests;

/// <summary>Compiled statements are found by their slot: one command per statement and connection, reused, bound to the caller's transaction.</summary>
public sealed class PreparedCommandsTests : IDisposable
{
    private static readonly SqlStatement Insert = new("INSERT INTO t (v) VALUES ($v);", "$v");
    private static readonly SqlStatement Count = new("SELECT count(*) FROM t;");

    // More statements than the first array holds, so finding a late slot grows it.
    private static readonly SqlStatement[] Many = [.. Enumerable.Range(0, 40).Select(i => new SqlStatement($"SELECT {i};"))];

    private readonly TestDatabase db = new();

    [Fact]
    public void Each_statement_is_compiled_once_per_connection_and_bound_to_the_current_transaction()
    {
        using var connection = db.OpenRaw();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (v INTEGER);";
            create.ExecuteNonQuery();
        }

        using var commands = new PreparedCommands(connection);
        using (var first = connection.BeginTransaction())
        {
            var insert = commands.Get(first, Insert);
            Assert.Equal(1, PreparedCommands.Run(insert, 7));
            Assert.Same(insert, commands.Get(first, Insert));
            Assert.NotSame(insert, commands.Get(first, Count));
            first.Commit();
        }

        using var second = connection.BeginTransaction();
        var again = commands.Get(second, Insert);
        Assert.Same(second, again.Transaction);
        Assert.Equal(1, PreparedCommands.Run(again, 8));
        Assert.Equal(2L, commands.Get(second, Count).ExecuteScalar());
        foreach (var (statement, i) in Many.Select((s, i) => (s, i)))
        {
            Assert.Equal((long)i, commands.Get(second, statement).ExecuteScalar());
        }

        Assert.Equal(39L, commands.Get(second, Many[^1]).ExecuteScalar());
    }

    public void Dispose() => db.Dispose();
}

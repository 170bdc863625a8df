using SQLitePCL;

[assembly: AssemblyFixture(typeof(QuizBot.Sqlite.Tests.FirstSqliteUse))]

namespace QuizBot.Sqlite.Tests;

/// <summary>
/// What a process does first with SQLite here, as the bot does: construct the store's database, then open a connection.
/// Created by xunit before any test of this assembly runs, so a setting the constructor failed to apply is refused later.
/// </summary>
public sealed class FirstSqliteUse : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "quizbot-tests", Guid.NewGuid().ToString("N"));

    public FirstSqliteUse()
    {
        var database = new SqliteDatabase(new SqliteStoreOptions { Path = Path.Combine(folder, "first.db") });
        database.Open().Dispose();
        database.ReleasePooledConnections();
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>SQLite's pages live in the process's fixed page-cache buffer (<see cref="SqlitePageCache"/>).</summary>
public sealed class PageCacheTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public void Constructing_the_database_configures_the_buffer_before_SQLite_starts()
    {
        // False if the constructor stopped applying it: SQLite then refuses the buffer once the first connection opened.
        Assert.True(SqlitePageCache.Applied);
    }

    [Fact]
    public async Task Pages_a_store_reads_take_slots_of_the_buffer()
    {
        var store = db.Store;
        await store.Guilds.GetReportsAsync("guild-1", includeResolved: true, TestContext.Current.CancellationToken);

        // Slots in use now; with no buffer configured SQLite counts none, every page being its own allocation.
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_status(raw.SQLITE_STATUS_PAGECACHE_USED, out var used, out var highest, 0));
        Assert.InRange(highest, 1, SqlitePageCache.Slots);
        Assert.InRange(used, 0, highest);
    }
}

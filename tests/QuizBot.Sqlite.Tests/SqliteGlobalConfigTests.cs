using System.Runtime.InteropServices;
using QuizBot.Core.Players;

namespace QuizBot.Sqlite.Tests;

/// <summary>
/// SQLite's process-wide settings take effect before the store's first connection: connections without their own
/// mutex (multi-thread mode) and no memory statistics. Every SQLite use in this test assembly goes through the store
/// or <see cref="TestDatabase.OpenRaw"/>, which apply them first, as the bot's store does at start.
/// </summary>
public sealed class SqliteGlobalConfigTests : IDisposable
{
    private readonly TestDatabase db = new();

    [Fact]
    public async Task The_stores_connections_have_no_mutex_and_SQLite_keeps_no_memory_statistics()
    {
        var store = db.Store;
        Assert.True(await store.Receipts.TryRecordAsync(42, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1)));
        await store.Stats.GetStatsAsync(new PlayerKey("guild", "alice"), DateTimeOffset.UnixEpoch);

        Assert.True(SqliteGlobalConfig.Applied);
        using var raw = db.OpenRaw();
        // In serialized mode every connection has a mutex; in multi-thread mode none has.
        Assert.Equal(IntPtr.Zero, DbMutex(raw.Handle!.DangerousGetHandle()));
        Assert.Equal(0, SQLitePCL.raw.sqlite3_memory_used());
    }

    public void Dispose() => db.Dispose();

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_db_mutex")]
    private static extern IntPtr DbMutex(IntPtr connection);
}

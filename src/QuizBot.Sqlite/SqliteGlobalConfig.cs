using SQLitePCL;

namespace QuizBot.Sqlite;

/// <summary>
/// Process-wide SQLite settings, applied once before the first connection opens (SQLite refuses them afterwards).
/// <list type="bullet">
/// <item><b>Multi-thread mode</b> instead of serialized: no mutex is taken around each call on a connection or a
/// statement. It is safe because no connection of this store is ever used by two threads at once: the writer connection
/// only by the holder of the file's write gate (<see cref="SqliteDatabase.BeginWriteAsync"/>), the checkpointer's only by
/// its own thread (<see cref="WalCheckpointer"/>), and each pooled reader only by the one operation that opened it until
/// it is disposed back to the pool (operations may hop threads between awaits, never run on two at once).</item>
/// <item><b>No memory statistics</b>: SQLite otherwise takes a global mutex on every malloc and free to keep
/// <c>sqlite3_memory_used</c>, which nothing here reads.</item>
/// </list>
/// If something opened a connection first (SQLite then answers SQLITE_MISUSE), the defaults stay: serialized mode is
/// slower, never wrong.
/// </summary>
internal static class SqliteGlobalConfig
{
    private static readonly Lazy<bool> AppliedOnce = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the settings took effect (false when SQLite had already been initialized in this process).</summary>
    public static bool Applied => AppliedOnce.Value;

    /// <summary>Applies the settings if no connection has been opened yet; later calls do nothing.</summary>
    public static void Apply() => _ = AppliedOnce.Value;

    private static bool Configure()
    {
        // Microsoft.Data.Sqlite selects the native library in SqliteConnection's static constructor; do the same first.
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD) == raw.SQLITE_OK
            && raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
    }
}

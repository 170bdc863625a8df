using System.Runtime.InteropServices;

namespace QuizBot.Sqlite;

/// <summary>
/// Gives SQLite one fixed buffer of page slots for the whole process (<c>SQLITE_CONFIG_PAGECACHE</c>), set before the
/// first connection opens (SQLite refuses it afterwards).
/// <para>Why: without it, a connection whose cache is empty allocates a first block of 20 pages (87 KB) at its next
/// page. Each commit empties every pooled reader's cache, so under load each read transaction freed and allocated
/// such a block again; glibc kept 3–9 MB of holes between them in the soak (bench/STAGES.md, "Memory"). With a
/// buffer configured SQLite never allocates that first block: a page takes a free slot of the buffer, or a single
/// page-sized allocation once the slots are all in use. The buffer is allocated once and never freed, since SQLite
/// uses it until the process exits.</para>
/// </summary>
internal static partial class SqlitePageCache
{
    /// <summary>Slots in the buffer: about 1.1 MB, a third of the bot's database and the writer's hot pages.</summary>
    public const int Slots = 256;

    /// <summary>The page size the migrator gives a new file (SQLite's default); larger pages fall back to allocations.</summary>
    public const int PageSize = 4096;

    private const int SqliteConfigPageCache = 7;
    private const int SqliteConfigPcacheHeaderSize = 24;

    private static readonly Lazy<bool> AppliedOnce = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the buffer is SQLite's (false when a connection had already been opened in this process).</summary>
    public static bool Applied => AppliedOnce.Value;

    /// <summary>Configures the buffer if no connection has been opened yet; later calls do nothing.</summary>
    public static void Apply() => _ = AppliedOnce.Value;

    // sqlite3_config is variadic; these are its two forms used here, as Microsoft.Data.Sqlite's provider declares its own.
    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_config")]
    private static partial int ConfigPageCache(int option, IntPtr buffer, int slotSize, int slots);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_config")]
    private static partial int ConfigHeaderSize(int option, out int bytes);

    private static bool Configure()
    {
        // Microsoft.Data.Sqlite selects the native library in SqliteConnection's static constructor; do the same first.
        SQLitePCL.Batteries_V2.Init();
        if (ConfigHeaderSize(SqliteConfigPcacheHeaderSize, out var header) != SQLitePCL.raw.SQLITE_OK)
        {
            return false;
        }

        var slotSize = PageSize + header;
        IntPtr buffer;
        unsafe
        {
            buffer = (IntPtr)NativeMemory.AlignedAlloc((nuint)slotSize * Slots, 64);
        }

        if (ConfigPageCache(SqliteConfigPageCache, buffer, slotSize, Slots) == SQLitePCL.raw.SQLITE_OK)
        {
            return true;
        }

        unsafe
        {
            NativeMemory.AlignedFree((void*)buffer);
        }

        return false;
    }
}

using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace QuizBot.Sqlite;

/// <summary>
/// Flushes a connection's database file to disk through SQLite's own file object (its VFS <c>xSync</c>), the way SQLite
/// syncs it at the end of a complete checkpoint. Going through SQLite's descriptor matters: opening and closing a second
/// descriptor on the file would drop the POSIX locks this process holds on it.
/// </summary>
internal static unsafe partial class SqliteFileSync
{
    private const int FileControlFilePointer = 7; // SQLITE_FCNTL_FILE_POINTER
    private const int SyncNormal = 0x00002;       // SQLITE_SYNC_NORMAL

    private static ReadOnlySpan<byte> Main => "main\0"u8;

    /// <summary>Flushes the database file of <paramref name="connection"/>; false when SQLite has no file for it or the sync failed.</summary>
    public static bool SyncDatabaseFile(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteFile* file = null;
        fixed (byte* name = Main)
        {
            if (FileControl(handle.DangerousGetHandle(), name, FileControlFilePointer, &file) != SQLitePCL.raw.SQLITE_OK)
            {
                return false;
            }
        }

        // An in-memory database has no file; its object then has no methods.
        if (file is null || file->Methods is null || file->Methods->Sync is null)
        {
            return false;
        }

        return file->Methods->Sync(file, SyncNormal) == SQLitePCL.raw.SQLITE_OK;
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_file_control")]
    private static partial int FileControl(IntPtr db, byte* databaseName, int operation, void* argument);

    /// <summary>The head of sqlite3_file (sqlite3.h): a pointer to its methods.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct SqliteFile
    {
        public IoMethods* Methods;
    }

    /// <summary>The head of sqlite3_io_methods (sqlite3.h), up to xSync.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoMethods
    {
        public int Version;
        public IntPtr Close;
        public IntPtr Read;
        public IntPtr Write;
        public IntPtr Truncate;
        public delegate* unmanaged<SqliteFile*, int, int> Sync;
    }
}

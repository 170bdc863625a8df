namespace QuizBot.Sqlite;

/// <summary>Where the SQLite file lives and how long a writer waits for another to finish.</summary>
public sealed class SqliteStoreOptions
{
    public const string DefaultPath = "data/quizbot.db";

    /// <summary>The database file; relative paths are resolved against the current directory. Its folder is created.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>How long an operation waits for a lock held by another writer before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Pages of write-ahead log after which a commit checkpoints it itself (SQLite's auto-checkpoint). The log is normally
    /// checkpointed and restarted before, by a background thread and a writer (<see cref="WalRestartFrames"/>); this is
    /// the bound if that thread falls behind (about 100 MB).
    /// </summary>
    internal int WalBackstopPages { get; set; } = 24_576;

    /// <summary>
    /// Frames of log past which the background checkpointer, after a pass, has the next writer finish the checkpoint so
    /// the log restarts (about 67 MB). Each restart costs the writers three flushes of the disk with the gate held, so
    /// under sustained writes the log restarts once per this many frames rather than after every pass.
    /// </summary>
    internal int WalRestartFrames { get; set; } = 16_384;

    /// <summary>Whether a background thread checkpoints the log (off only in tests of the backstop).</summary>
    internal bool BackgroundCheckpoints { get; set; } = true;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("Storage path is empty: set it to a file such as data/quizbot.db.", nameof(Path));
        }

        if (Path.Trim() == ":memory:")
        {
            throw new ArgumentException("Storage path must be a file: an in-memory database would not survive a restart.", nameof(Path));
        }

        if (BusyTimeout <= TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "Busy timeout must be between 0 and 10 minutes.");
        }
    }
}

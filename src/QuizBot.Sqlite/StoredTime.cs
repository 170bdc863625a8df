namespace QuizBot.Sqlite;

/// <summary>
/// Times are stored as UTC milliseconds since 1970-01-01 (sortable integers, to the millisecond), and days as
/// whole UTC days since then.
/// </summary>
internal static class StoredTime
{
    public const long MillisecondsPerDay = 86_400_000;

    public static long ToStored(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>Rounded up to the millisecond: a stored "not before" time never comes earlier than the one asked for.</summary>
    public static long ToStoredCeiling(DateTimeOffset time)
    {
        var milliseconds = time.ToUnixTimeMilliseconds();
        return FromStored(milliseconds) < time ? milliseconds + 1 : milliseconds;
    }

    public static DateTimeOffset FromStored(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset? FromStored(long? milliseconds) => milliseconds is { } value ? FromStored(value) : null;

    public static long DayNumber(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeMilliseconds(), MillisecondsPerDay) switch
    {
        (var quotient, < 0) => quotient - 1,
        (var quotient, _) => quotient,
    };

    /// <summary>The start of the UTC day after <paramref name="time"/>'s, in stored milliseconds.</summary>
    public static long NextMidnight(DateTimeOffset time) => (DayNumber(time) + 1) * MillisecondsPerDay;
}

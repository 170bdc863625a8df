using System.Buffers.Binary;

namespace QuizBot.Core.Quiz;

/// <summary>
/// Quiz session ids: 20 lower-case hex digits, the creation time in milliseconds (6 bytes, big-endian) then 4 random
/// bytes. Ids made later sort after earlier ones, so the quizzes being played at any moment sit together at the end
/// of every index keyed by session: a batch of answers dirties a few shared pages instead of one page per quiz (WAL
/// frames per answered question, bench/STAGES.md). The random part keeps ids made in the same millisecond, by one
/// instance or several, apart.
/// </summary>
public static class SessionIds
{
    public const int Length = 20;

    public static string New(DateTimeOffset now, Random random)
    {
        Span<byte> bytes = stackalloc byte[10];
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, Math.Max(0, now.ToUnixTimeMilliseconds()));
        millis[2..].CopyTo(bytes);
        random.NextBytes(bytes[6..]);
        return Convert.ToHexStringLower(bytes);
    }
}

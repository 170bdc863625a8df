namespace QuizBot.Discord.Gateway;

/// <summary>Discord's sharding formulas: which shard a guild's events arrive on, and which identify bucket a shard is in.</summary>
public static class ShardRouting
{
    /// <summary>
    /// The shard that receives a guild's events: <c>(guild_id &gt;&gt; 22) % shard_count</c> (the top bits of a snowflake
    /// are its timestamp). Events without a guild (direct messages) go to shard 0.
    /// </summary>
    public static int ShardFor(ulong? guildId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return guildId is { } id ? (int)((id >> 22) % (ulong)shardCount) : 0;
    }

    /// <summary>
    /// The identify rate-limit key: <c>shard_id % max_concurrency</c>. Shards with the same key identify at most one
    /// per 5 seconds; shards with different keys may identify at the same time.
    /// </summary>
    public static int RateLimitKey(int shardId, int maxConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardId);
        return shardId % Math.Max(1, maxConcurrency);
    }
}

using QuizBot.Discord.Gateway;

namespace QuizBot.Discord.Tests;

public sealed class ShardIdListTests
{
    [Theory]
    [InlineData("0-3", 4, new[] { 0, 1, 2, 3 })]
    [InlineData("4,5", 8, new[] { 4, 5 })]
    [InlineData(" 6 , 0-1 ", 8, new[] { 0, 1, 6 })]
    [InlineData("2-2", 4, new[] { 2 })]
    [InlineData("3", 4, new[] { 3 })]
    [InlineData("0 - 1,3", 4, new[] { 0, 1, 3 })]
    public void Ranges_and_lists_give_ascending_ids(string text, int count, int[] expected)
    {
        Assert.True(ShardIdList.TryParse(text, count, out var ids, out var error), error);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_given_means_every_shard(string? text)
    {
        Assert.True(ShardIdList.TryParse(text, 3, out var ids, out _));
        Assert.Equal([0, 1, 2], ids);
    }

    [Theory]
    [InlineData("0-4", 4, "shard 4 does not exist: with 4 shard(s) the ids run from 0 to 3")]
    [InlineData("7", 4, "shard 7 does not exist")]
    [InlineData("0-2,2", 4, "shard 2 is listed twice")]
    [InlineData("1,1", 4, "shard 1 is listed twice")]
    [InlineData("3-1", 4, "the range '3-1' ends before it starts")]
    [InlineData("0,,1", 4, "has an empty entry")]
    [InlineData("0,", 4, "has an empty entry")]
    [InlineData("a", 4, "'a' is not a shard id")]
    [InlineData("-1", 4, "'-1' is not a range of shard ids")]
    [InlineData("0-", 4, "'0-' is not a range of shard ids")]
    [InlineData("1-2-3", 4, "'1-2-3' is not a range of shard ids")]
    [InlineData("+1", 4, "'+1' is not a shard id")]
    [InlineData("99999999999", 4, "is not a shard id")]
    public void Bad_lists_are_refused_with_the_reason(string text, int count, string expected)
    {
        Assert.False(ShardIdList.TryParse(text, count, out var ids, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(ids);
    }

    [Fact]
    public void A_shard_count_below_one_is_refused()
    {
        Assert.False(ShardIdList.TryParse("", 0, out _, out var error));
        Assert.Contains("at least 1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 5, 4 }, "4, 5")]
    [InlineData(new[] { 0, 1, 2, 6, 8, 9, 10 }, "0-2, 6, 8-10")]
    [InlineData(new[] { 7 }, "7")]
    public void Format_writes_ids_compactly_and_reads_back_the_same(int[] ids, string expected)
    {
        var text = ShardIdList.Format(ids);

        Assert.Equal(expected, text);
        Assert.True(ShardIdList.TryParse(text, 16, out var again, out _));
        Assert.Equal(ids.Order(), again);
    }
}

public sealed class ShardRoutingTests
{
    [Theory]
    [InlineData(1_000_003UL, 4, 3)]
    [InlineData(1_000_003UL, 1, 0)]
    [InlineData(1_000_003UL, 7, 1_000_003 % 7)]
    [InlineData(0UL, 16, 0)]
    public void A_guild_goes_to_the_shard_of_its_snowflake_timestamp(ulong timestamp, int shardCount, int expected)
    {
        // The low 22 bits (worker, process, increment) never move a guild to another shard.
        Assert.Equal(expected, ShardRouting.ShardFor(timestamp << 22, shardCount));
        Assert.Equal(expected, ShardRouting.ShardFor((timestamp << 22) | 0x3F_FFFF, shardCount));
    }

    [Fact]
    public void A_real_guild_id_lands_where_the_formula_says()
    {
        // 41771983423143937 >> 22 is 9959216934: 0 modulo 3, 2 modulo 4, 4 modulo 5.
        Assert.Equal(0, ShardRouting.ShardFor(41771983423143937UL, 3));
        Assert.Equal(2, ShardRouting.ShardFor(41771983423143937UL, 4));
        Assert.Equal(4, ShardRouting.ShardFor(41771983423143937UL, 5));
    }

    [Fact]
    public void Events_without_a_guild_go_to_shard_0()
    {
        Assert.Equal(0, ShardRouting.ShardFor(null, 8));
    }

    [Theory]
    [InlineData(0, 16, 0)]
    [InlineData(17, 16, 1)]
    [InlineData(31, 16, 15)]
    [InlineData(5, 1, 0)]
    [InlineData(3, 0, 0)]
    public void The_rate_limit_key_is_the_shard_id_modulo_max_concurrency(int shardId, int maxConcurrency, int expected)
    {
        Assert.Equal(expected, ShardRouting.RateLimitKey(shardId, maxConcurrency));
    }
}

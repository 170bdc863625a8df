using System.Globalization;
using Microsoft.Extensions.Configuration;
using QuizBot.Discord.Gateway;

namespace QuizBot.Hosting;

/// <summary>
/// Which gateway shards this process runs: Discord:ShardIds (ranges and lists, default all) of Discord:ShardCount
/// (default 1). Checked before the host is built, so a bad value stops the start with one line naming the setting;
/// the Discord options bind the same, already checked, values.
/// </summary>
public sealed record ShardSettings(int ShardCount, IReadOnlyList<int> ShardIds)
{
    public const string ShardCountKey = "Discord:ShardCount";
    public const string ShardIdsKey = "Discord:ShardIds";

    /// <summary>The single-shard setting of earlier versions: refused with a pointer to its replacement, never silently ignored.</summary>
    public const string RetiredShardIdKey = "Discord:ShardId";

    /// <summary>At 2,500 servers a shard, more shards than this would serve more servers than Discord has: surely a typo.</summary>
    public const int MaxShardCount = 100_000;

    /// <summary>Reads and checks the shard settings; on failure <paramref name="error"/> is the one line to print.</summary>
    public static ShardSettings? Read(IConfiguration configuration, out string error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        error = "";
        if (configuration[RetiredShardIdKey] is { } retired)
        {
            error = $"{RetiredShardIdKey} is no longer read: name this process's shards in {ShardIdsKey} instead "
                + $"(e.g. {BotSettings.EnvName(ShardIdsKey)}={retired.Trim()}, or a range such as 0-3), and remove {BotSettings.EnvName(RetiredShardIdKey)}.";
            return null;
        }

        var countText = configuration[ShardCountKey]?.Trim() ?? "";
        var count = 1;
        if (countText.Length > 0 && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxShardCount))
        {
            error = $"{ShardCountKey} must be a whole number of shards from 1 to {MaxShardCount}, not '{countText}'. Check {BotSettings.EnvName(ShardCountKey)}.";
            return null;
        }

        var idsText = configuration[ShardIdsKey];
        if (!ShardIdList.TryParse(idsText, count, out var ids, out var reason))
        {
            error = $"{ShardIdsKey} is malformed: {reason}. Give ids from 0 to {count - 1} as ranges or lists (e.g. 0-3 or 4,5) in {BotSettings.EnvName(ShardIdsKey)}, "
                + $"or leave it unset to run all {count}.";
            return null;
        }

        return new ShardSettings(count, ids);
    }
}

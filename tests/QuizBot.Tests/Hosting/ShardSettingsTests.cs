using Microsoft.Extensions.Configuration;
using QuizBot.Discord.Gateway;
using QuizBot.Hosting;
using QuizBot.Tests.Cli;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

/// <summary>Discord:ShardCount and Discord:ShardIds: checked at start, one line naming the setting when wrong.</summary>
public sealed class ShardSettingsTests
{
    private const string Token = "NDI0Mg.test.token-for-shards";

    [Fact]
    public void Unset_means_one_shard_and_this_process_runs_it()
    {
        var settings = ShardSettings.Read(Configuration(), out var error);

        Assert.True(settings is not null, error);
        Assert.Equal(1, settings.ShardCount);
        Assert.Equal([0], settings.ShardIds);
    }

    [Theory]
    [InlineData("8", null, new[] { 0, 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("8", "4,5", new[] { 4, 5 })]
    [InlineData(" 4 ", "0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("16", "2-3, 9", new[] { 2, 3, 9 })]
    public void A_count_and_a_list_choose_this_processs_shards(string count, string? ids, int[] expected)
    {
        var settings = ShardSettings.Read(Configuration(("Discord:ShardCount", count), ("Discord:ShardIds", ids)), out var error);

        Assert.True(settings is not null, error);
        Assert.Equal(expected, settings.ShardIds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("four")]
    [InlineData("2.5")]
    [InlineData("100001")]
    [InlineData("99999999999")]
    public void A_shard_count_that_is_not_a_positive_whole_number_is_refused(string count)
    {
        Assert.Null(ShardSettings.Read(Configuration(("Discord:ShardCount", count)), out var error));

        Assert.Equal($"Discord:ShardCount must be a whole number of shards from 1 to 100000, not '{count}'. Check Discord__ShardCount.", error);
    }

    [Theory]
    [InlineData("0-4", "shard 4 does not exist")]
    [InlineData("1,1", "shard 1 is listed twice")]
    [InlineData("3-2", "ends before it starts")]
    [InlineData("one", "'one' is not a shard id")]
    public void A_bad_shard_list_is_refused_with_its_reason_and_the_ids_that_exist(string ids, string reason)
    {
        Assert.Null(ShardSettings.Read(Configuration(("Discord:ShardCount", "4"), ("Discord:ShardIds", ids)), out var error));

        Assert.StartsWith("Discord:ShardIds is malformed: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("ids from 0 to 3", error, StringComparison.Ordinal);
        Assert.Contains("Discord__ShardIds", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void The_retired_single_shard_setting_points_to_its_replacement_instead_of_being_ignored()
    {
        Assert.Null(ShardSettings.Read(Configuration(("Discord:ShardId", "2"), ("Discord:ShardCount", "4")), out var error));

        Assert.StartsWith("Discord:ShardId is no longer read", error, StringComparison.Ordinal);
        Assert.Contains("Discord__ShardIds=2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quizbot_run_with_a_shard_the_count_does_not_have_stops_with_exit_code_2_and_one_line()
    {
        using var folder = new TempFolder();

        var result = await CliRun.AppAsync(
            "run", $"--Discord:Token={Token}", "--Discord:ShardCount=4", "--Discord:ShardIds=2-4",
            $"--Storage:Path={folder.File("bot.db")}", $"--Content:Path={RepositoryPaths.Content}", "--Http:Urls=http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Discord:ShardIds is malformed: shard 4 does not exist", line, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("bot.db")));
    }

    [Fact]
    public void The_status_detail_names_each_shard_that_is_not_connected()
    {
        ShardConnectionState[] shards =
        [
            new(0, GatewayConnectionState.Connected),
            new(1, GatewayConnectionState.Reconnecting),
            new(2, GatewayConnectionState.Connected),
            new(3, GatewayConnectionState.Connecting),
        ];

        Assert.Equal(
            "shard 1 reconnecting, shard 3 connecting (shards 0-3 of 8)",
            GatewayConnectionStatusAdapter.Describe(GatewayConnectionState.Reconnecting, shards, 8));
        Assert.Equal(
            "connected (shard 5 of 8)",
            GatewayConnectionStatusAdapter.Describe(GatewayConnectionState.Connected, [new(5, GatewayConnectionState.Connected)], 8));
        Assert.Equal("reconnecting", GatewayConnectionStatusAdapter.Describe(GatewayConnectionState.Reconnecting, [new(0, GatewayConnectionState.Reconnecting)], 1));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}

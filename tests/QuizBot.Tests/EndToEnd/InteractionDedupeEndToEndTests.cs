using Microsoft.Data.Sqlite;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.EndToEnd;

/// <summary>
/// One interaction delivered more than once (a replay, a load balancer retrying on another instance) is handled
/// once: through the real host, signed HTTP and one SQLite file shared by two hosts.
/// </summary>
public sealed class InteractionDedupeEndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");

    [Fact]
    public async Task The_same_interaction_twice_to_one_host_runs_once()
    {
        using var folder = new TempFolder();
        using var signer = InteractionSigner.Create();
        await using var host = await SignedHost.StartAsync(signer, ("Storage:Path", folder.File("bot.db")));
        var start = Alice.Command("quiz", InteractionDataOption.Integer("length", 3));

        var first = await host.SendAsync(start);
        var again = await host.SendAsync(start);

        Assert.Contains("Question 1/3", first.Text(), StringComparison.Ordinal);
        AssertAlreadyHandled(again);
        Assert.Equal((1, 1), await StoredAsync(folder.File("bot.db")));
    }

    [Fact]
    public async Task The_same_interaction_to_two_hosts_sharing_one_file_runs_once_even_at_the_same_moment()
    {
        using var folder = new TempFolder();
        using var signer = InteractionSigner.Create();
        var database = ("Storage:Path", folder.File("bot.db"));
        await using var one = await SignedHost.StartAsync(signer, database);
        await using var two = await SignedHost.StartAsync(signer, database);

        // One after the other: the second instance knows the first took it.
        var start = Alice.Command("quiz", InteractionDataOption.Integer("length", 3));
        Assert.Contains("Question 1/3", (await one.SendAsync(start)).Text(), StringComparison.Ordinal);
        AssertAlreadyHandled(await two.SendAsync(start));

        // At once: a gate releases both deliveries together; exactly one host runs the command.
        var stats = Alice.Command("stats");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deliveries = new[] { one, two, one, two }.Select(host => Task.Run(async () =>
        {
            await gate.Task;
            return await host.SendAsync(stats);
        })).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(deliveries);

        Assert.Equal(3, answers.Count(IsAlreadyHandled));
        Assert.Equal((1, 2), await StoredAsync(folder.File("bot.db")));
    }

    private static bool IsAlreadyHandled(InteractionResponse response) =>
        response.IsEphemeral() && response.Text().Contains("already handled", StringComparison.OrdinalIgnoreCase);

    private static void AssertAlreadyHandled(InteractionResponse response) =>
        Assert.True(IsAlreadyHandled(response), response.Text());

    /// <summary>Quiz sessions stored, and receipts: one row per interaction id taken.</summary>
    private static async Task<(long Sessions, long Receipts)> StoredAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM quiz_sessions), (SELECT COUNT(*) FROM interaction_receipts);";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

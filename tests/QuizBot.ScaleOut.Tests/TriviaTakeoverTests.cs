using System.Globalization;
using System.Text.Json;
using Dapper;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Interactions;
using QuizBot.Postgres.Tests;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// A live trivia game keeps going when the instance driving it is SIGKILLed mid-round: the other instance takes the
/// game's lease once it runs out and finishes the game, and Discord (the fake REST API) sees each round revealed once.
/// </summary>
public sealed class TriviaTakeoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const ulong Guild = 920_000_000_000_000_001;
    private const ulong Channel = 920_000_000_000_000_333;
    private const int Rounds = 2;
    private static readonly string Webhook = $"/webhooks/{TestUser.Application.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task Killing_the_instance_driving_a_game_mid_round_hands_it_to_the_other_and_every_round_is_revealed_once()
    {
        await using var database = await postgres.NewDatabaseAsync();
        _ = database.Store; // migrated now, so the notifying triggers can be added before either instance starts
        await using var recorded = await StoreNotifications.StartAsync(database);
        await using var rest = await FakeDiscordRestServer.StartAsync();
        using var signer = InteractionSigner.Create();
        var settings = InstanceSettings.Postgres(signer, rest, database)
            .With("Trivia:LeaseDuration", "00:00:05")
            .With("Trivia:PollInterval", "00:00:00.200");
        await using var a = new BotProcess("A", settings.With("Trivia:InstanceId", "A"));
        await using var b = new BotProcess("B", settings.With("Trivia:InstanceId", "B"));
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        using var onlyA = new Balancer(signer, [a]);
        using var either = new Balancer(signer, [a, b]);
        try
        {
            var members = Enumerable.Range(1, 4).Select(i => new TestUser(600_000_000_000_000_000 + (ulong)i, $"Player {i}", Guild)).ToList();

            // Started through A; each step is then driven by whichever instance takes the game's lease when it is due.
            var start = members[0].Command("trivia", InteractionDataOption.Subcommand(
                "start", InteractionDataOption.Integer("questions", Rounds), InteractionDataOption.Integer("seconds", 10))) with { ChannelId = Channel };
            var first = (await onlyA.SendAsync(start)).Reply;
            Assert.True(first?.Type == InteractionCallbackType.ChannelMessageWithSource, first.Glimpse());
            var locked = await PressAllAsync(either, members, AnswerIds(first!.Data!.Components));
            await using var db = await database.OpenRawAsync();
            var gameId = CustomIdKey(AnswerIds(first.Data.Components)[0]);

            // Whichever instance took the lease at round 1's deadline reveals it and posts round 2. Once round 2's message
            // is recorded, that instance, still holding the lease, is killed with nothing in flight.
            await recorded.WaitForAsync($"posted:{gameId}:1", "the second question's message to be recorded");
            var driving = await db.QuerySingleAsync<Driver>(
                """
                SELECT r.message_id AS MessageId, g.lease_owner AS LeaseOwner
                FROM trivia_rounds AS r JOIN trivia_games AS g ON g.id = r.game_id
                WHERE r.game_id = @gameId AND r.round_index = 1
                """,
                new { gameId });
            var (driver, survivor) = driving.LeaseOwner == "A" ? (a, b) : (b, a);
            driver.Kill();
            var secondMessage = driving.MessageId;
            var secondPost = Assert.Single(rest.Requests, r => r.Is("POST", $"{Webhook}/{start.Token}") && !r.Body.Contains("final standings", StringComparison.Ordinal));
            var second = JsonSerializer.Deserialize(secondPost.Body, DiscordJsonContext.Default.MessagePayload)!;
            locked += await PressAllAsync(either, members, AnswerIds(second.Components));

            await recorded.WaitForAsync($"finished:{gameId}", "the game's standings to be recorded");
            var toGame = rest.Requests.Where(r => r.Path.StartsWith($"{Webhook}/{start.Token}", StringComparison.Ordinal)).ToList();
            var firstReveals = toGame.Count(r => r.Is("PATCH", $"{Webhook}/{start.Token}/messages/@original"));
            var secondReveals = toGame.Count(r => r.Is("PATCH", $"{Webhook}/{start.Token}/messages/{secondMessage}"));
            var questionPosts = toGame.Count(r => r.Method == "POST" && !r.Body.Contains("final standings", StringComparison.Ordinal));
            var standings = toGame.Count(r => r.Method == "POST" && r.Body.Contains("final standings", StringComparison.Ordinal));
            var stored = await db.QuerySingleAsync<(long Revealed, long Presses, string? EndReason)>(
                """
                SELECT (SELECT COUNT(*) FROM trivia_rounds WHERE game_id = @gameId AND reveal_posted_at IS NOT NULL),
                       (SELECT COUNT(*) FROM trivia_presses WHERE game_id = @gameId),
                       (SELECT end_reason FROM trivia_games WHERE id = @gameId)
                """,
                new { gameId });
            output.WriteLine($"trivia: {Rounds} rounds, the driving instance {driver.Name} killed mid-round 2 and {survivor.Name} finished; reveals per round {firstReveals} and {secondReveals}, question follow-ups {questionPosts}, standings {standings}, presses locked in {locked} of {members.Count * Rounds} (stored {stored.Presses}), stored revealed rounds {stored.Revealed}, end {stored.EndReason}");
            Assert.Equal(1, firstReveals);
            Assert.Equal(1, secondReveals);
            Assert.Equal(Rounds - 1, questionPosts);
            Assert.Equal(1, standings);
            Assert.Equal(locked, stored.Presses);
            Assert.Equal(Rounds, stored.Revealed);
            Assert.Equal("Completed", stored.EndReason);
        }
        finally
        {
            // What Discord received and what the instances said, for a failure on a busy machine.
            output.WriteLine(string.Join(Environment.NewLine, rest.Requests.Select(r => $"{r.ReceivedAt:HH:mm:ss.fff} {r.Method} {r.Path}")));
            output.WriteLine(a.Tail(15));
            output.WriteLine(b.Tail(15));
        }
    }

    /// <summary>
    /// Each member presses one answer button through the balancer; returns how many were locked in. On a busy machine a
    /// press can reach the bot after the round's deadline: then it is told so, and is not counted.
    /// </summary>
    private static async Task<int> PressAllAsync(Balancer balancer, IReadOnlyList<TestUser> members, IReadOnlyList<string> answers)
    {
        var replies = await Task.WhenAll(members.Select(m => balancer.SendAsync(m.Click(answers[Random.Shared.Next(answers.Count)]) with { ChannelId = Channel })));
        Assert.All(replies, r => Assert.True(
            r.Reply?.Data?.Content is { } text && (text.StartsWith("🔒 Locked in", StringComparison.Ordinal) || text == TriviaView.TooLate),
            r.Failure ?? r.Reply.Glimpse()));
        return replies.Count(r => r.Reply!.Data!.Content!.StartsWith("🔒 Locked in", StringComparison.Ordinal));
    }

    private static List<string> AnswerIds(IReadOnlyList<Component>? rows) =>
        [.. (rows ?? []).SelectMany(row => row.Components ?? [])
            .Select(c => c.CustomId)
            .OfType<string>()
            .Where(id => CustomId.TryParse(id, out var parsed) && parsed.Action == TriviaView.AnswerAction)];

    private sealed record Driver
    {
        public string MessageId { get; init; } = "";
        public string? LeaseOwner { get; init; }
    }

    private static string CustomIdKey(string customId) => CustomId.TryParse(customId, out var id) ? id.Key : throw new InvalidOperationException(customId);
}

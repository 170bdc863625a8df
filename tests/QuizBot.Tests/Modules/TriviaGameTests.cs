using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Core.Ports;
using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using QuizBot.Hosting;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Modules;

/// <summary>
/// Whole trivia games through the pipeline, a real SQLite file and the scheduler's passes on a fake clock: scoring
/// and order, presses at the edges, and two instances of the bot sharing one database.
/// </summary>
public sealed class TriviaGameTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");
    private static readonly TestUser Carol = new(303, "Carol");
    private static readonly string Scope = TestUser.Guild.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Three_players_at_different_speeds_score_by_speed_and_are_ordered_by_points_with_their_streaks()
    {
        using var harness = new PipelineHarness();
        var webhook = new TriviaWebhook(harness.Rest);
        var first = await harness.SendAsync(Start(Alice, questions: 2, seconds: 20));
        var q1 = TriviaScreen.QuestionOn(first);

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        harness.Time.Advance(TimeSpan.FromSeconds(8));
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        harness.Time.Advance(TimeSpan.FromSeconds(8));
        await harness.SendAsync(Carol.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await PassAsync(harness);

        var reveal1 = webhook.Calls[0].AsScreen().Text();
        var (a1, b1, c1) = (Points(q1, 2), Points(q1, 10), Points(q1, 18));
        Assert.Contains($"✅ Right: Alice +{a1} · Bob +{b1} · Carol +{c1} (3 of 3 answered)", reveal1, StringComparison.Ordinal);
        Assert.True(a1 > b1 && b1 > c1, $"{a1} {b1} {c1}");

        var second = webhook.Calls[1].AsScreen();
        var q2 = TriviaScreen.QuestionOn(second);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.SendAsync(Carol.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(second, correctly: false)));
        harness.Time.Advance(TimeSpan.FromSeconds(13));
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(second, correctly: true)));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await PassAsync(harness);

        var (c2, b2) = (Points(q2, 1), Points(q2, 18));
        var reveal2 = webhook.Calls[2].AsScreen().Text();
        Assert.Contains($"✅ Right: Carol +{c2} 🔥2 · Bob +{b2} 🔥2 (2 of 3 answered)", reveal2, StringComparison.Ordinal);

        var expected = new[] { ("Alice", a1, 1), ("Bob", b1 + b2, 2), ("Carol", c1 + c2, 2) }
            .OrderByDescending(p => p.Item2).ThenByDescending(p => p.Item3).ThenBy(p => p.Item1, StringComparer.Ordinal).ToList();
        var standings = webhook.Calls[3].AsScreen().Text().Split('\n').Where(l => l.Contains("points**", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, standings.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"{expected[i].Item1} — **{expected[i].Item2} points** ({expected[i].Item3}/2 right", standings[i], StringComparison.Ordinal);
        }

        Assert.Contains("best streak 2", standings.Single(l => l.Contains("Carol", StringComparison.Ordinal)), StringComparison.Ordinal);
        var board = await harness.Store.Stats.GetLeaderboardAsync(Scope, LeaderboardPeriod.All, LeaderboardMetric.Points, Alice.UserId, 0, 10, harness.Time.GetUtcNow());
        // The leaderboard breaks ties its own way; the points per member are what must match.
        Assert.Equal(expected.Select(p => (p.Item1, p.Item2)).Order(), board.Rows.Select(r => (r.DisplayName, r.Points)).Order());
    }

    [Fact]
    public async Task A_press_at_the_deadline_is_too_late_and_a_second_press_keeps_the_first_even_after_a_restart()
    {
        using var harness = new PipelineHarness();
        _ = new TriviaWebhook(harness.Rest);
        var first = await harness.SendAsync(Start(Alice, questions: 2, seconds: 20));
        await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: false)));

        harness.Time.Advance(TimeSpan.FromSeconds(20));
        var late = await harness.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        var again = await harness.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        Assert.Equal(TriviaView.TooLate, late.Data!.Content);
        Assert.Equal(TriviaView.TooLate, again.Data!.Content);
        var gameId = TriviaScreen.GameIdOn(first);
        var presses = (await harness.Get<ITriviaStore>().GetAsync(gameId))!.Presses;
        Assert.Equal([("202", false)], presses.Select(p => (p.Player.UserId, p.Correct)));
        Assert.Equal(0, (await harness.Store.Stats.GetStatsAsync(new(Scope, Alice.UserId), harness.Time.GetUtcNow())).Answered);
    }

    [Fact]
    public async Task Two_instances_on_one_database_reveal_each_round_exactly_once()
    {
        using var a = new PipelineHarness(configure: Instance("instance-a"));
        using var b = new PipelineHarness(configure: Instance("instance-b"), databasePath: a.DatabasePath);
        var onA = new TriviaWebhook(a.Rest);
        var onB = new TriviaWebhook(b.Rest);
        var first = await a.SendAsync(Start(Alice, questions: 3, seconds: 10));
        await b.SendAsync(Bob.Click(TriviaScreen.ButtonFor(first, correctly: true)));

        for (var round = 0; round < 3; round++)
        {
            // Past the deadline and past the lease of whoever drove last, so both instances may take the game.
            a.Time.Advance(TimeSpan.FromSeconds(16));
            b.Time.Advance(TimeSpan.FromSeconds(16));
            using var barrier = new Barrier(2);
            await Task.WhenAll(
                Task.Run(async () => { barrier.SignalAndWait(); await PassAsync(a); }),
                Task.Run(async () => { barrier.SignalAndWait(); await PassAsync(b); }));
        }

        var calls = onA.Calls.Concat(onB.Calls).ToList();
        Assert.Equal(3, calls.Count(c => c.Payload.Embeds![0].Title!.StartsWith("⏰ Time's up", StringComparison.Ordinal)));
        Assert.Equal(["Question 1/3", "Question 2/3", "Question 3/3"], calls
            .Where(c => c.Payload.Embeds![0].Title!.StartsWith("⏰", StringComparison.Ordinal))
            .Select(c => c.Payload.Embeds![0].Title!.Split(" — ")[1]).Order(StringComparer.Ordinal));
        Assert.Equal(2, calls.Count(c => c.Kind == WebhookCall.Followup && c.Payload.Components is { Count: > 0 }));
        Assert.Equal(1, calls.Count(c => c.Payload.Embeds![0].Title!.Contains("final standings", StringComparison.Ordinal)));
    }

    private static Action<IServiceCollection> Instance(string id) =>
        services => services.Configure<TriviaOptions>(options => options.InstanceId = id);

    private static int Points(Core.Decks.Question question, int seconds) =>
        TriviaRules.PointsFor(question.Kind, true, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(20));

    private static async Task PassAsync(PipelineHarness harness)
    {
        var scheduler = harness.Get<TriviaScheduler>();
        await scheduler.StartDueDriversAsync(CancellationToken.None);
        await scheduler.DriversIdleAsync();
    }

    private static Interaction Start(TestUser user, int questions, int seconds) =>
        user.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", questions), InteractionDataOption.Integer("seconds", seconds)));
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuizBot.Core.Trivia;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
using QuizBot.Modules;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Modules;

/// <summary>
/// Two instances of the bot on one database and one fake Discord, where the instance driving a game stalls in the
/// middle of a Discord call (the fake holds its request) for longer than its lease, and the other takes the game over
/// meanwhile. Whatever order they wake in, the channel shows each step once and the stalled instance records nothing.
/// </summary>
public sealed class TriviaFencingTests : IAsyncDisposable
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly HttpClient http = new();
    private FakeDiscordRestServer? discord;

    [Fact]
    public async Task A_question_follow_up_claimed_by_a_stalled_instance_is_posted_once_and_the_game_goes_on_under_the_other()
    {
        discord = await FakeDiscordRestServer.StartAsync();
        using var a = new PipelineHarness(configure: Instance("instance-a"));
        using var b = new PipelineHarness(configure: Instance("instance-b"), databasePath: a.DatabasePath);
        var start = Start(questions: 2, seconds: 60);
        var gameId = TriviaScreen.GameIdOn(await a.SendAsync(start));
        var followups = $"/webhooks/{TestUser.Application}/{start.Token}";

        // Round 1's time runs out; A reveals it, opens round 2 and is stalled sending its question.
        var stall = discord.Hold(r => r.Is("POST", followups), count: 1);
        Advance(TimeSpan.FromSeconds(60), a, b);
        var stalled = a.TriviaPassAsync();
        await stall.Arrived.WaitAsync(Patience);
        var claimedBy = (await GameAsync(a, gameId)).Rounds[1].QuestionClaim;

        // A's lease runs out while it is stalled: B takes the game, and leaves the question A claimed alone.
        Advance(TimeSpan.FromSeconds(16), b);
        await b.TriviaPassAsync();
        var takenOver = await GameAsync(b, gameId);
        Assert.Equal("instance-b", takenOver.Game.LeaseOwner);
        Assert.NotEqual(claimedBy, takenOver.Game.LeaseEpoch);
        Assert.Single(discord.Requests, r => r.Is("POST", followups));

        // A wakes: its question reaches the channel (it alone may send it), and its record of it is refused.
        stall.Release();
        await stalled.WaitAsync(Patience);
        var afterA = await GameAsync(a, gameId);
        Assert.Null(afterA.Rounds[1].MessageId);
        Assert.Equal("instance-b", afterA.Game.LeaseOwner);

        // B plays the game to its end: round 2's reveal goes out as a new message (A's question is not on record).
        Advance(TimeSpan.FromSeconds(60), b);
        await b.TriviaPassAsync();
        var created = discord.CreatedMessages.Where(m => m.Path == followups).Select(m => Title(m)).ToList();
        Assert.Equal(["🎯 Trivia — " + afterA.Game.Title, "⏰ Time's up — Question 2/2", "🏆 Trivia — final standings"], created);
        Assert.Contains("Question 2/2", discord.CreatedMessages[0].Request.Body, StringComparison.Ordinal);
        Assert.Single(discord.Requests, r => r.Is("PATCH", followups + "/messages/@original"));
        Assert.Null((await GameAsync(b, gameId)).Game.InteractionToken);
    }

    [Fact]
    public async Task Standings_in_the_channel_sent_by_a_stalled_instance_and_by_its_successor_are_one_message_thanks_to_the_nonce()
    {
        discord = await FakeDiscordRestServer.StartAsync();
        using var a = new PipelineHarness(configure: Instance("instance-a"));
        using var b = new PipelineHarness(configure: Instance("instance-b"), databasePath: a.DatabasePath);
        var start = Start(questions: 3, seconds: 20);
        var first = await a.SendAsync(start);
        var gameId = TriviaScreen.GameIdOn(first);
        await b.SendAsync(Alice.Click(TriviaScreen.ButtonFor(first, correctly: true)));
        var channel = $"/channels/{start.ChannelId!.Value.ToString(CultureInfo.InvariantCulture)}/messages";

        // Both instances were away past the token's 15 minutes: the standings go to the channel as a bot message.
        var stall = discord.Hold(r => r.Is("POST", channel), count: 1);
        Advance(TimeSpan.FromMinutes(16), a, b);
        var stalled = a.TriviaPassAsync();
        await stall.Arrived.WaitAsync(Patience);

        Advance(TimeSpan.FromSeconds(16), b);
        await b.TriviaPassAsync();
        stall.Release();
        await stalled.WaitAsync(Patience);

        var posts = discord.Requests.Where(r => r.Is("POST", channel)).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(TriviaAnnouncer.StandingsNonce(gameId), p.Json!["nonce"]!.GetValue<string>()));
        Assert.All(posts, p => Assert.True(p.Json!["enforce_nonce"]!.GetValue<bool>()));
        var message = Assert.Single(discord.CreatedMessages);
        Assert.Contains("final standings", message.Request.Body, StringComparison.Ordinal);
        Assert.Contains("Alice", message.Request.Body, StringComparison.Ordinal);
        var game = await GameAsync(a, gameId);
        Assert.Null(game.Game.InteractionToken);
        Assert.Null(game.Game.LeaseOwner);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (discord is not null)
        {
            await discord.DisposeAsync();
        }
    }

    private static string Title(CreatedMessage message) => message.Request.Json!["embeds"]![0]!["title"]!.GetValue<string>();

    private static void Advance(TimeSpan by, params PipelineHarness[] instances)
    {
        foreach (var instance in instances)
        {
            instance.Time.Advance(by);
        }
    }

    private static async Task<TriviaGameState> GameAsync(PipelineHarness harness, string gameId) =>
        (await harness.Get<ITriviaStore>().GetAsync(gameId))!;

    private static Interaction Start(int questions, int seconds) =>
        Alice.Command("trivia", InteractionDataOption.Subcommand("start", InteractionDataOption.Integer("questions", questions), InteractionDataOption.Integer("seconds", seconds)));

    /// <summary>An instance of the bot whose REST client talks to the fake Discord (so its nonce and held-request rules apply).</summary>
    private Action<IServiceCollection> Instance(string id) => services =>
    {
        services.Configure<TriviaOptions>(options => options.InstanceId = id);
        var options = Options.Create(new DiscordOptions
        {
            Token = "bot-token",
            ApplicationId = TestUser.Application,
            ApiBaseUrl = discord!.BaseUrl,
            WebhookTimeout = TimeSpan.FromMinutes(2),
            RequestTimeout = TimeSpan.FromMinutes(2),
        });
        services.AddSingleton<IDiscordRestClient>(new DiscordRestClient(
            http, new RestRateLimiter(TimeProvider.System), new DiscordApplication(TestUser.Application), options, TimeProvider.System, NullLogger<DiscordRestClient>.Instance));
    };
}

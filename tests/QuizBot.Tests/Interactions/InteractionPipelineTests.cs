using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Modules;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Interactions;

public sealed class InteractionPipelineTests
{
    private static readonly TestUser Alice = new(101, "Alice");

    [Fact]
    public async Task A_failing_module_gives_an_ephemeral_message_whose_ref_is_in_the_log()
    {
        var logger = new RecordingLogger<InteractionPipeline>();
        var pipeline = new InteractionPipeline([new ThrowingModule()], new InteractionGate(), new FakeTimeProvider(), logger);

        var response = await pipeline.HandleAsync(Alice.Command("boom"), CancellationToken.None);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Type);
        Assert.True(response.IsEphemeral());
        var match = System.Text.RegularExpressions.Regex.Match(response.Data!.Content!, @"^Something went wrong \(ref ([0-9A-F]{6})\)");
        Assert.True(match.Success, response.Data.Content);
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(match.Groups[1].Value, error.Message, StringComparison.Ordinal);
        Assert.Contains("/boom", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("interaction-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_interaction_is_logged_with_its_route_and_milliseconds()
    {
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<InteractionPipeline>();
        var pipeline = new InteractionPipeline([new SlowModule(time)], new InteractionGate(), time, logger);

        await pipeline.HandleAsync(Alice.Command("slow"), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal("/slow", entry.State["Route"]);
        Assert.Equal(1500.0, (double)entry.State["ElapsedMs"]!, 1);
    }

    [Theory]
    [InlineData("q1:no-such-session:n:1", Replies.QuizEnded)]
    [InlineData("s1:someone:rate:fact:x:-:3", StudyModule.Stale)]
    [InlineData("l1:someone:p:nope:x:1", "This leaderboard page has expired — run /leaderboard again.")]
    [InlineData("z1:abc:x", Replies.Expired)]
    [InlineData("garbage", Replies.Expired)]
    [InlineData("q0:old-grammar:a:1", Replies.Expired)]
    public async Task Stale_or_unknown_buttons_say_what_ended(string customId, string expected)
    {
        using var harness = new PipelineHarness();

        var response = await harness.SendAsync(Alice.Click(customId.Replace("someone", Alice.UserId, StringComparison.Ordinal)));

        Assert.True(response.IsEphemeral());
        Assert.Equal(expected, response.Data!.Content);
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        using var harness = new PipelineHarness();

        var response = await harness.Pipeline.HandleAsync(new Interaction { Id = 1, Type = InteractionType.Ping }, CancellationToken.None);

        Assert.Equal(InteractionCallbackType.Pong, response.Type);
    }

    [Fact]
    public async Task Once_shutdown_begins_new_interactions_are_refused_politely()
    {
        using var harness = new PipelineHarness();
        await harness.Gate.CloseAndDrainAsync(CancellationToken.None);

        var response = await harness.SendAsync(Alice.Command("help"));

        Assert.Equal(Replies.ShuttingDown, response.Data!.Content);
    }

    [Fact]
    public async Task Shutdown_waits_for_the_interaction_in_flight()
    {
        var release = new TaskCompletionSource<InteractionResponse>();
        var gate = new InteractionGate();
        var pipeline = new InteractionPipeline([new WaitingModule(release.Task)], gate, new FakeTimeProvider(), new RecordingLogger<InteractionPipeline>());

        var handling = pipeline.HandleAsync(Alice.Command("wait"), CancellationToken.None);
        var drained = gate.CloseAndDrainAsync(CancellationToken.None);
        Assert.False(drained.IsCompleted);

        release.SetResult(Replies.Ephemeral("done"));
        await handling;
        await drained.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public async Task An_unknown_command_gets_a_clear_answer()
    {
        using var harness = new PipelineHarness();

        var response = await harness.SendAsync(Alice.Command("no-such-command"));

        Assert.Equal(Replies.UnknownCommand, response.Data!.Content);
    }

    [Fact]
    public void Shared_commands_defer_publicly_and_personal_ones_ephemerally()
    {
        using var harness = new PipelineHarness();

        Assert.False(harness.Pipeline.DeferEphemerally(Alice.Command("leaderboard")));
        Assert.False(harness.Pipeline.DeferEphemerally(Alice.Command("trivia", InteractionDataOption.Subcommand("start"))));
        Assert.True(harness.Pipeline.DeferEphemerally(Alice.Command("quiz")));
        Assert.True(harness.Pipeline.DeferEphemerally(Alice.Click("q1:abc:n:1")));
    }

    private sealed class ThrowingModule : IInteractionModule
    {
        public IReadOnlyCollection<string> CommandNames => ["boom"];

        public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the store is on fire");
    }

    private sealed class SlowModule(FakeTimeProvider time) : IInteractionModule
    {
        public IReadOnlyCollection<string> CommandNames => ["slow"];

        public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromMilliseconds(1500));
            return Task.FromResult(Replies.Ephemeral("ok"));
        }
    }

    private sealed class WaitingModule(Task<InteractionResponse> release) : IInteractionModule
    {
        public IReadOnlyCollection<string> CommandNames => ["wait"];

        public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken) => release;
    }
}

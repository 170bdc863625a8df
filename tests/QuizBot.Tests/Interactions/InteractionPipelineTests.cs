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
    [InlineData("l1:someone:p:nope:x:1", LeaderboardModule.Stale)]
    [InlineData("d1:2025-03-12:zz:0", DailyModule.Stale)]
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
    public async Task A_stale_custom_id_is_logged_cut_and_cleaned_never_whole()
    {
        var logger = new RecordingLogger<InteractionPipeline>();
        var pipeline = new InteractionPipeline([], new InteractionGate(), new FakeTimeProvider(), logger);
        var forged = "q1:abc:n:1\r\n[ERROR] forged line\u001b[31m\u202Eevil" + new string('x', 5000);

        var response = await pipeline.HandleAsync(Alice.Click(forged), CancellationToken.None);
        await pipeline.HandleAsync(Alice.Click("q1:abc\n:n:1"), CancellationToken.None);

        Assert.Equal(Replies.Expired, response.Data!.Content);
        var logged = logger.Entries.Where(e => e.State.ContainsKey("CustomId")).Select(e => (string)e.State["CustomId"]!).ToList();
        Assert.Equal(2, logged.Count);
        Assert.StartsWith("q1:abc:n:1??[ERROR] forged line?[31m?evil", logged[0], StringComparison.Ordinal);
        Assert.EndsWith($"… ({forged.Length} chars)", logged[0], StringComparison.Ordinal);
        Assert.InRange(logged[0].Length, LogSafe.MaxLength, LogSafe.MaxLength + 20);
        Assert.Equal("q1:abc?:n:1", logged[1]);
        Assert.All(logger.Entries, e => Assert.DoesNotContain('\n', e.Message));
    }

    [Theory]
    [InlineData(null, "(none)")]
    [InlineData("q1:k:a:1", "q1:k:a:1")]
    [InlineData("tab\there\u2028line\u200Bend", "tab?here?line?end")]
    public void Log_safe_text_keeps_what_is_printable_and_marks_the_rest(string? text, string expected) =>
        Assert.Equal(expected, LogSafe.Cut(text));

    [Fact]
    public async Task A_stale_admin_button_says_the_panel_expired()
    {
        using var harness = new PipelineHarness();
        var moderator = new TestUser(303, "Mod", permissions: Permissions.ManageGuild);

        var response = await harness.SendAsync(moderator.Click($"a1:{moderator.UserId}:no-such-action"));

        Assert.True(response.IsEphemeral());
        Assert.Equal(AdminModule.Stale, response.Data!.Content);
    }

    [Fact]
    public void A_command_or_area_claimed_by_two_modules_is_refused_at_start()
    {
        var twice = new ThrowingModule();

        Assert.Throws<ArgumentException>(() => new InteractionPipeline([twice, new ThrowingModule()], new InteractionGate(), new FakeTimeProvider(), new RecordingLogger<InteractionPipeline>()));
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
        public ModuleRoutes Routes { get; } = new([new(ApplicationCommand.Slash("boom", "A test command."))], []);

        public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the store is on fire");
    }

    private sealed class SlowModule(FakeTimeProvider time) : IInteractionModule
    {
        public ModuleRoutes Routes { get; } = new([new(ApplicationCommand.Slash("slow", "A test command."))], []);

        public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromMilliseconds(1500));
            return Task.FromResult(Replies.Ephemeral("ok"));
        }
    }

    private sealed class WaitingModule(Task<InteractionResponse> release) : IInteractionModule
    {
        public ModuleRoutes Routes { get; } = new([new(ApplicationCommand.Slash("wait", "A test command."))], []);

        public Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken) => release;
    }
}

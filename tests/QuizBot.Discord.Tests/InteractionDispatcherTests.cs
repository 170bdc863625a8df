using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Tests;

public sealed class InteractionDispatcherTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();
    private readonly Mock<IInteractionHandler> _handler = new();
    private readonly Mock<IDiscordRestClient> _rest = new(MockBehavior.Strict);
    private readonly TaskCompletionSource<InteractionResponse> _handlerAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InteractionResponse> _initial = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly InteractionDispatcher _dispatcher;

    public InteractionDispatcherTests()
    {
        _handler.Setup(h => h.HandleAsync(It.IsAny<Interaction>(), It.IsAny<CancellationToken>())).Returns(_handlerAnswer.Task);
        _dispatcher = new InteractionDispatcher(
            _handler.Object,
            _rest.Object,
            new MemoryInteractionDeduplicator(_time),
            Options.Create(new DiscordOptions { DeferAfter = TimeSpan.FromSeconds(2.5) }),
            _time,
            NullLogger<InteractionDispatcher>.Instance);
    }

    [Fact]
    public async Task A_handler_answering_within_the_budget_is_sent_as_is()
    {
        var command = Command();
        var dispatch = Dispatch(command);
        _time.Advance(TimeSpan.FromSeconds(2.4));
        _handlerAnswer.SetResult(InteractionResponse.Message("fast"));
        await dispatch.WaitAsync(Wait);

        var sent = await _initial.Task.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, sent.Type);
        Assert.Equal("fast", sent.Data!.Content);
    }

    [Fact]
    public async Task A_slow_command_is_deferred_then_its_message_edits_the_original()
    {
        var edited = ExpectEditOriginal("command-token");
        var dispatch = Dispatch(Command());

        _time.Advance(TimeSpan.FromSeconds(2.5));
        var sent = await _initial.Task.WaitAsync(Wait);
        await dispatch.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, sent.Type);
        Assert.Null(sent.Data);
        Assert.False(edited.Task.IsCompleted);

        _handlerAnswer.SetResult(InteractionResponse.Message("slow but sure"));
        Assert.Equal("slow but sure", (await edited.Task.WaitAsync(Wait)).Content);
    }

    [Fact]
    public async Task The_handler_can_ask_for_an_ephemeral_deferral()
    {
        _handler.Setup(h => h.DeferEphemerally(It.IsAny<Interaction>())).Returns(true);
        ExpectEditOriginal("command-token");
        _ = Dispatch(Command());

        _time.Advance(TimeSpan.FromSeconds(3));
        var sent = await _initial.Task.WaitAsync(Wait);

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, sent.Type);
        Assert.Equal(MessageFlags.Ephemeral, sent.Data!.Flags);
        _handlerAnswer.SetResult(InteractionResponse.Message("done"));
    }

    [Fact]
    public async Task A_slow_component_gets_a_deferred_update_and_its_update_edits_the_message()
    {
        var edited = ExpectEditOriginal("component-token");
        _ = Dispatch(Component());

        _time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, (await _initial.Task.WaitAsync(Wait)).Type);

        _handlerAnswer.SetResult(InteractionResponse.Update(MessagePayload.Text("next question")));
        Assert.Equal("next question", (await edited.Task.WaitAsync(Wait)).Content);
    }

    [Fact]
    public async Task A_new_message_after_a_deferred_update_becomes_a_follow_up_not_an_edit()
    {
        var followUp = ExpectFollowUp("component-token");
        _ = Dispatch(Component());

        _time.Advance(TimeSpan.FromSeconds(2.5));
        await _initial.Task.WaitAsync(Wait);
        _handlerAnswer.SetResult(InteractionResponse.Message("a separate message", ephemeral: true));

        var sent = await followUp.Task.WaitAsync(Wait);
        Assert.Equal("a separate message", sent.Content);
        Assert.True(sent.IsEphemeral);
    }

    [Fact]
    public async Task A_slow_autocomplete_answers_with_no_choices_in_time()
    {
        _ = Dispatch(new Interaction { Id = 5, Type = InteractionType.ApplicationCommandAutocomplete, Token = "ac" });

        _time.Advance(TimeSpan.FromSeconds(2.5));
        var sent = await _initial.Task.WaitAsync(Wait);

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, sent.Type);
        Assert.Empty(sent.Data!.Choices!);
        _handlerAnswer.SetResult(InteractionResponse.Autocomplete([ApplicationCommandOptionChoice.Of("late", "late")]));
    }

    [Fact]
    public async Task A_failing_handler_gets_an_ephemeral_apology_instead_of_silence()
    {
        _handlerAnswer.SetException(new InvalidOperationException("boom"));

        await Dispatch(Command()).WaitAsync(Wait);

        var sent = await _initial.Task.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, sent.Type);
        Assert.True(sent.Data!.IsEphemeral);
    }

    [Fact]
    public async Task A_handler_failing_after_an_ephemeral_deferral_replaces_the_thinking_state()
    {
        _handler.Setup(h => h.DeferEphemerally(It.IsAny<Interaction>())).Returns(true);
        var edited = ExpectEditOriginal("command-token");
        _ = Dispatch(Command());
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await _initial.Task.WaitAsync(Wait);

        _handlerAnswer.SetException(new InvalidOperationException("boom"));

        var edit = await edited.Task.WaitAsync(Wait);
        Assert.False(string.IsNullOrEmpty(edit.Content));
        Assert.Null(edit.Flags);
    }

    [Fact]
    public async Task An_ephemeral_answer_after_a_public_deferral_goes_privately_and_the_public_placeholder_is_deleted()
    {
        var followUp = ExpectFollowUp("command-token");
        var deleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _rest.Setup(r => r.DeleteOriginalResponseAsync("command-token", It.IsAny<CancellationToken>()))
            .Callback(() => deleted.SetResult())
            .Returns(Task.CompletedTask);
        _ = Dispatch(Command());
        _time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Null((await _initial.Task.WaitAsync(Wait)).Data);

        _handlerAnswer.SetResult(InteractionResponse.Message("only for you", ephemeral: true));

        Assert.True((await followUp.Task.WaitAsync(Wait)).IsEphemeral);
        await deleted.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task The_late_edit_of_original_carries_only_the_flags_discord_allows_there()
    {
        _handler.Setup(h => h.DeferEphemerally(It.IsAny<Interaction>())).Returns(true);
        var edited = ExpectEditOriginal("command-token");
        _ = Dispatch(Command());
        _time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(MessageFlags.Ephemeral, (await _initial.Task.WaitAsync(Wait)).Data!.Flags);

        _handlerAnswer.SetResult(InteractionResponse.Message(MessagePayload.Text("private") with
        {
            Flags = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications,
        }));

        Assert.Equal(MessageFlags.SuppressEmbeds, (await edited.Task.WaitAsync(Wait)).Flags);
    }

    [Fact]
    public async Task A_modal_submitted_from_a_message_defers_as_an_update_and_edits_that_message()
    {
        var edited = ExpectEditOriginal("modal-token");
        _ = Dispatch(ModalSubmit(fromMessage: true));
        _time.Advance(TimeSpan.FromSeconds(2.5));

        var deferral = await _initial.Task.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, deferral.Type);
        Assert.Null(deferral.Data);

        _handlerAnswer.SetResult(InteractionResponse.Update(MessagePayload.Text("revealed") with { Flags = MessageFlags.Ephemeral }));
        var edit = await edited.Task.WaitAsync(Wait);
        Assert.Equal("revealed", edit.Content);
        Assert.Null(edit.Flags);
    }

    [Fact]
    public async Task A_modal_submitted_from_a_command_defers_as_a_new_message()
    {
        ExpectEditOriginal("modal-token");
        _ = Dispatch(ModalSubmit(fromMessage: false));
        _time.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, (await _initial.Task.WaitAsync(Wait)).Type);
        _handlerAnswer.SetResult(InteractionResponse.Message("thanks"));
    }

    [Fact]
    public async Task A_modal_that_comes_too_late_is_replaced_by_an_ephemeral_press_again_never_silence()
    {
        var followUp = ExpectFollowUp("component-token");
        _ = Dispatch(Component());
        _time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, (await _initial.Task.WaitAsync(Wait)).Type);

        _handlerAnswer.SetResult(InteractionResponse.Modal("answer-modal", "Type your answer", new Component { Type = ComponentType.Label }));

        var sent = await followUp.Task.WaitAsync(Wait);
        Assert.True(sent.IsEphemeral);
        Assert.Contains("press the button again", sent.Content, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_interaction_id_seen_before_is_answered_without_running_the_handler_again()
    {
        _handlerAnswer.SetResult(InteractionResponse.Message("first and only"));
        await Dispatch(Command()).WaitAsync(Wait);
        InteractionResponse? replayAnswer = null;

        await _dispatcher.DispatchAsync(Command(), (response, _) => { replayAnswer = response; return Task.CompletedTask; }, CancellationToken.None).WaitAsync(Wait);

        _handler.Verify(h => h.HandleAsync(It.IsAny<Interaction>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.NotNull(replayAnswer);
        Assert.True(replayAnswer.Data!.IsEphemeral);
        Assert.NotEqual("first and only", replayAnswer.Data.Content);
    }

    [Fact]
    public async Task When_the_replay_guard_cannot_answer_the_interaction_is_still_handled()
    {
        var guard = new Mock<IInteractionDeduplicator>();
        guard.Setup(g => g.TryBeginAsync(It.IsAny<ulong>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("database unreachable"));
        using var dispatcher = new InteractionDispatcher(
            _handler.Object, _rest.Object, guard.Object, Options.Create(new DiscordOptions()), _time, NullLogger<InteractionDispatcher>.Instance);
        _handlerAnswer.SetResult(InteractionResponse.Message("answered anyway"));
        InteractionResponse? sent = null;

        await dispatcher.DispatchAsync(Command(), (response, _) => { sent = response; return Task.CompletedTask; }, initialCarriesFiles: false, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("answered anyway", sent?.Data?.Content);
    }

    [Fact]
    public async Task A_cancelled_request_stops_at_the_replay_guard_without_running_the_handler()
    {
        var guard = new Mock<IInteractionDeduplicator>();
        guard.Setup(g => g.TryBeginAsync(It.IsAny<ulong>(), It.IsAny<CancellationToken>())).Returns<ulong, CancellationToken>((_, token) => ValueTask.FromCanceled<bool>(token));
        using var dispatcher = new InteractionDispatcher(
            _handler.Object, _rest.Object, guard.Object, Options.Create(new DiscordOptions()), _time, NullLogger<InteractionDispatcher>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            dispatcher.DispatchAsync(Command(), (_, _) => Task.CompletedTask, initialCarriesFiles: false, new CancellationToken(canceled: true)));

        _handler.Verify(h => h.HandleAsync(It.IsAny<Interaction>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, dispatcher.InFlight);
    }

    [Fact]
    public async Task Draining_waits_for_a_late_answer_to_be_delivered()
    {
        var edited = ExpectEditOriginal("command-token");
        _ = Dispatch(Command());
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await _initial.Task.WaitAsync(Wait);

        var drain = _dispatcher.DrainAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        Assert.False(drain.IsCompleted);
        Assert.Equal(1, _dispatcher.InFlight);

        _handlerAnswer.SetResult(InteractionResponse.Message("delivered before the stop"));

        Assert.True(await drain.WaitAsync(Wait));
        Assert.True(edited.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Draining_gives_up_after_its_timeout_and_aborts_the_handler()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Setup(h => h.HandleAsync(It.IsAny<Interaction>(), It.IsAny<CancellationToken>()))
            .Returns<Interaction, CancellationToken>(async (_, token) =>
            {
                using var registration = token.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, token);
                return InteractionResponse.Message("never");
            });
        _rest.Setup(r => r.CreateFollowupMessageAsync(It.IsAny<string>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OperationCanceledException());
        _rest.Setup(r => r.DeleteOriginalResponseAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _ = Dispatch(Command());
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await _initial.Task.WaitAsync(Wait);

        var drain = _dispatcher.DrainAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.False(drain.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await drain.WaitAsync(Wait));
        await cancelled.Task.WaitAsync(Wait);
    }

    public void Dispose() => _dispatcher.Dispose();

    private static Interaction Command() =>
        new() { Id = 1, Type = InteractionType.ApplicationCommand, Token = "command-token", Data = new InteractionData { Name = "quiz" } };

    private static Interaction Component() =>
        new() { Id = 2, Type = InteractionType.MessageComponent, Token = "component-token", Data = new InteractionData { CustomId = "next" } };

    private static Interaction ModalSubmit(bool fromMessage) =>
        new()
        {
            Id = 3,
            Type = InteractionType.ModalSubmit,
            Token = "modal-token",
            Data = new InteractionData { CustomId = "answer" },
            Message = fromMessage ? new Message { Id = 5555, ChannelId = 333 } : null,
        };

    private TaskCompletionSource<MessagePayload> ExpectFollowUp(string token)
    {
        var sent = new TaskCompletionSource<MessagePayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _rest.Setup(r => r.CreateFollowupMessageAsync(token, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<string, MessagePayload, CancellationToken>((_, message, _) => sent.TrySetResult(message))
            .ReturnsAsync(new Message());
        return sent;
    }

    private Task Dispatch(Interaction interaction) =>
        _dispatcher.DispatchAsync(interaction, (response, _) => { _initial.SetResult(response); return Task.CompletedTask; }, CancellationToken.None);

    private TaskCompletionSource<MessagePayload> ExpectEditOriginal(string token)
    {
        var edited = new TaskCompletionSource<MessagePayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _rest.Setup(r => r.EditOriginalResponseAsync(token, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<string, MessagePayload, CancellationToken>((_, message, _) => edited.TrySetResult(message))
            .ReturnsAsync(new Message());
        return edited;
    }
}

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
        var followUp = new TaskCompletionSource<MessagePayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _rest.Setup(r => r.CreateFollowupMessageAsync("component-token", It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<string, MessagePayload, CancellationToken>((_, message, _) => followUp.SetResult(message))
            .ReturnsAsync(new Message());
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
    public async Task A_handler_failing_after_deferral_replaces_the_thinking_state()
    {
        var edited = ExpectEditOriginal("command-token");
        _ = Dispatch(Command());
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await _initial.Task.WaitAsync(Wait);

        _handlerAnswer.SetException(new InvalidOperationException("boom"));

        Assert.False(string.IsNullOrEmpty((await edited.Task.WaitAsync(Wait)).Content));
    }

    public void Dispose() => _dispatcher.Dispose();

    private static Interaction Command() =>
        new() { Id = 1, Type = InteractionType.ApplicationCommand, Token = "command-token", Data = new InteractionData { Name = "quiz" } };

    private static Interaction Component() =>
        new() { Id = 2, Type = InteractionType.MessageComponent, Token = "component-token", Data = new InteractionData { CustomId = "next" } };

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

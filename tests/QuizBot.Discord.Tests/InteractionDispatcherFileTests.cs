using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Tests;

/// <summary>How the dispatcher delivers an answer with files on a JSON-only transport (HTTP) and on the gateway.</summary>
public sealed class InteractionDispatcherFileTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly FileUpload Card = FileUpload.Png("stats.png", new byte[] { 1, 2, 3 });

    private readonly FakeTimeProvider _time = new();
    private readonly Mock<IInteractionHandler> _handler = new();
    private readonly Mock<IDiscordRestClient> _rest = new(MockBehavior.Strict);
    private readonly TaskCompletionSource<InteractionResponse> _handlerAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InteractionResponse> _initial = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<MessagePayload> _edited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly InteractionDispatcher _dispatcher;

    public InteractionDispatcherFileTests()
    {
        _handler.Setup(h => h.HandleAsync(It.IsAny<Interaction>(), It.IsAny<CancellationToken>())).Returns(_handlerAnswer.Task);
        _rest.Setup(r => r.EditOriginalResponseWithFilesAsync(It.IsAny<string>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<string, MessagePayload, CancellationToken>((_, message, _) => _edited.TrySetResult(message))
            .ReturnsAsync(new Message());
        _dispatcher = new InteractionDispatcher(
            _handler.Object,
            _rest.Object,
            new MemoryInteractionDeduplicator(_time),
            Options.Create(new DiscordOptions { DeferAfter = TimeSpan.FromSeconds(2.5) }),
            _time,
            NullLogger<InteractionDispatcher>.Instance);
    }

    [Fact]
    public async Task Over_http_a_message_with_files_is_deferred_with_its_visibility_then_edits_the_original_with_them()
    {
        _handlerAnswer.SetResult(InteractionResponse.Message(MessagePayload.Text("stats").AsEphemeral().WithFiles(Card)));

        await Dispatch(Command(), initialCarriesFiles: false).WaitAsync(Wait);

        var initial = await _initial.Task.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, initial.Type);
        Assert.True(initial.Data!.IsEphemeral);
        Assert.False(initial.Data.HasFiles);
        var edit = await _edited.Task.WaitAsync(Wait);
        Assert.Equal("stats", edit.Content);
        Assert.Same(Card, Assert.Single(edit.Files!));
    }

    [Fact]
    public async Task Over_http_a_component_update_with_files_is_a_deferred_update_then_an_edit()
    {
        _handlerAnswer.SetResult(InteractionResponse.Update(MessagePayload.Text("page 2").WithFiles(Card)));

        await Dispatch(Component(), initialCarriesFiles: false).WaitAsync(Wait);

        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, (await _initial.Task.WaitAsync(Wait)).Type);
        Assert.Equal("page 2", (await _edited.Task.WaitAsync(Wait)).Content);
    }

    [Fact]
    public async Task On_the_gateway_the_callback_itself_carries_the_files()
    {
        var answer = InteractionResponse.Message(MessagePayload.Text("stats").WithFiles(Card));
        _handlerAnswer.SetResult(answer);

        await Dispatch(Command(), initialCarriesFiles: true).WaitAsync(Wait);

        Assert.Same(answer, await _initial.Task.WaitAsync(Wait));
        _rest.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_slow_answer_with_files_is_delivered_by_a_multipart_edit_after_the_usual_deferral()
    {
        var dispatch = Dispatch(Command(), initialCarriesFiles: true);
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await dispatch.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, (await _initial.Task.WaitAsync(Wait)).Type);

        _handlerAnswer.SetResult(InteractionResponse.Message(MessagePayload.Text("late picture").WithFiles(Card)));

        var edit = await _edited.Task.WaitAsync(Wait);
        Assert.Equal("late picture", edit.Content);
        Assert.True(edit.HasFiles);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reply_the_handler_defers_at_once_is_deferred_before_the_handler_finishes_and_delivered_once_by_an_edit(bool initialCarriesFiles)
    {
        _handler.Setup(h => h.DefersAtOnce(It.IsAny<Interaction>())).Returns(true);
        _handler.Setup(h => h.DeferEphemerally(It.IsAny<Interaction>())).Returns(true);

        // The handler is still drawing (its answer is held) and the clock never moves: the deferral goes out anyway.
        await Dispatch(Command(), initialCarriesFiles).WaitAsync(Wait);
        var initial = await _initial.Task.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, initial.Type);
        Assert.True(initial.Data!.IsEphemeral);
        Assert.False(_edited.Task.IsCompleted);
        Assert.Equal(1, _dispatcher.InFlight);

        _handlerAnswer.SetResult(InteractionResponse.Message(MessagePayload.Text("stats").AsEphemeral().WithFiles(Card)));

        var edit = await _edited.Task.WaitAsync(Wait);
        Assert.Same(Card, Assert.Single(edit.Files!));
        await _dispatcher.WhenIdleAsync().WaitAsync(Wait);
        _rest.Verify(r => r.EditOriginalResponseWithFilesAsync("command-token", It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()), Times.Once);
        _rest.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Over_http_an_answer_without_files_is_still_the_reply_itself()
    {
        _handlerAnswer.SetResult(InteractionResponse.Message("plain"));

        await Dispatch(Command(), initialCarriesFiles: false).WaitAsync(Wait);

        Assert.Equal("plain", (await _initial.Task.WaitAsync(Wait)).Data!.Content);
        _rest.VerifyNoOtherCalls();
    }

    public void Dispose() => _dispatcher.Dispose();

    private static Interaction Command() =>
        new() { Id = 1, Type = InteractionType.ApplicationCommand, Token = "command-token", Data = new InteractionData { Name = "stats" } };

    private static Interaction Component() =>
        new() { Id = 2, Type = InteractionType.MessageComponent, Token = "component-token", Data = new InteractionData { CustomId = "page" } };

    private Task Dispatch(Interaction interaction, bool initialCarriesFiles) =>
        _dispatcher.DispatchAsync(interaction, (response, _) => { _initial.SetResult(response); return Task.CompletedTask; }, initialCarriesFiles, CancellationToken.None);
}

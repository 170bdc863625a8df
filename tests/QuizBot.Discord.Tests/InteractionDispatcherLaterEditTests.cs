using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Tests;

/// <summary>An answer sent at once and edited into its later version (a picture drawn in the background) once that is ready.</summary>
public sealed class InteractionDispatcherLaterEditTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly FileUpload Card = FileUpload.Png("stats.png", new byte[] { 1, 2, 3 });
    private static readonly MessagePayload Text = MessagePayload.Text("stats").AsEphemeral();

    private readonly FakeTimeProvider _time = new();
    private readonly Mock<IInteractionHandler> _handler = new();
    private readonly Mock<IDiscordRestClient> _rest = new(MockBehavior.Strict);
    private readonly TaskCompletionSource<InteractionResponse> _handlerAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<MessagePayload?> _later = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InteractionResponse> _initial = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<MessagePayload> _edits = [];
    private readonly TaskCompletionSource _edited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly InteractionDispatcher _dispatcher;

    public InteractionDispatcherLaterEditTests()
    {
        _handler.Setup(h => h.HandleAsync(It.IsAny<Interaction>(), It.IsAny<CancellationToken>())).Returns(_handlerAnswer.Task);
        _handler.Setup(h => h.DeferEphemerally(It.IsAny<Interaction>())).Returns(true);
        _rest.Setup(r => r.EditOriginalResponseWithFilesAsync("command-token", It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<string, MessagePayload, CancellationToken>((_, message, _) => Edited(message))
            .ReturnsAsync(new Message());
        _rest.Setup(r => r.EditOriginalResponseAsync("command-token", It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<string, MessagePayload, CancellationToken>((_, message, _) => Edited(message))
            .ReturnsAsync(new Message());
        _dispatcher = new InteractionDispatcher(
            _handler.Object,
            _rest.Object,
            new MemoryInteractionDeduplicator(_time),
            Options.Create(new DiscordOptions { DeferAfter = TimeSpan.FromSeconds(2.5) }),
            _time,
            NullLogger<InteractionDispatcher>.Instance);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_text_goes_out_at_once_and_the_picture_edits_it_when_drawn(bool initialCarriesFiles)
    {
        _handlerAnswer.SetResult(InteractionResponse.Message(Text).ThenEdit(_later.Task));

        await Dispatch(initialCarriesFiles, Task.CompletedTask).WaitAsync(Wait);

        var initial = await _initial.Task.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, initial.Type);
        Assert.True(initial.Data!.IsEphemeral);
        Assert.False(initial.Data.HasFiles);
        Assert.Equal(1, _dispatcher.InFlight);
        Assert.Empty(_edits);

        _later.SetResult(Text.WithFiles(Card));

        await _edited.Task.WaitAsync(Wait);
        await _dispatcher.WhenIdleAsync().WaitAsync(Wait);
        var edit = Assert.Single(_edits);
        Assert.Same(Card, Assert.Single(edit.Files!));
        Assert.Null(edit.Flags);
    }

    [Fact]
    public async Task The_edit_waits_for_the_text_reply_to_be_sent_even_when_the_picture_is_ready_first()
    {
        _later.SetResult(Text.WithFiles(Card));
        _handlerAnswer.SetResult(InteractionResponse.Message(Text).ThenEdit(_later.Task));
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var dispatch = Dispatch(initialCarriesFiles: false, sending.Task);
        await _initial.Task.WaitAsync(Wait);
        Assert.False(dispatch.IsCompleted);
        Assert.Empty(_edits);

        sending.SetResult();
        await dispatch.WaitAsync(Wait);
        await _edited.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_later_version_of_null_or_a_failed_one_edits_nothing_and_the_work_ends()
    {
        _handlerAnswer.SetResult(InteractionResponse.Message(Text).ThenEdit(_later.Task));
        await Dispatch(initialCarriesFiles: false, Task.CompletedTask).WaitAsync(Wait);
        Assert.Equal(1, _dispatcher.InFlight);

        _later.SetException(new InvalidOperationException("drawing failed"));

        await _dispatcher.WhenIdleAsync().WaitAsync(Wait);
        var second = new Interaction { Id = 2, Type = InteractionType.ApplicationCommand, Token = "command-token", Data = new InteractionData { Name = "stats" } };
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Setup(h => h.HandleAsync(second, It.IsAny<CancellationToken>()))
            .ReturnsAsync(InteractionResponse.Message(Text).ThenEdit(Task.FromResult<MessagePayload?>(null)));
        await _dispatcher.DispatchAsync(second, (_, _) => { answered.SetResult(); return Task.CompletedTask; }, false, CancellationToken.None).WaitAsync(Wait);
        await answered.Task.WaitAsync(Wait);
        await _dispatcher.WhenIdleAsync().WaitAsync(Wait);
        _rest.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_slow_answer_is_delivered_by_the_usual_edit_and_then_edited_into_its_later_version()
    {
        var dispatch = Dispatch(initialCarriesFiles: false, Task.CompletedTask);
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await dispatch.WaitAsync(Wait);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, (await _initial.Task.WaitAsync(Wait)).Type);

        _later.SetResult(Text.WithFiles(Card));
        _handlerAnswer.SetResult(InteractionResponse.Message(Text).ThenEdit(_later.Task));

        await _dispatcher.WhenIdleAsync().WaitAsync(Wait);
        Assert.Equal(2, _edits.Count);
        Assert.False(_edits[0].HasFiles);
        Assert.True(_edits[1].HasFiles);
    }

    [Fact]
    public async Task A_later_version_is_dropped_when_the_answer_went_out_as_a_follow_up_rather_than_as_original()
    {
        // A public "thinking" followed by an ephemeral answer: a follow-up and the placeholder deleted, so @original is gone.
        _handler.Setup(h => h.DeferEphemerally(It.IsAny<Interaction>())).Returns(false);
        _rest.Setup(r => r.CreateFollowupMessageAsync("command-token", It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Message());
        _rest.Setup(r => r.DeleteOriginalResponseAsync("command-token", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var dispatch = Dispatch(initialCarriesFiles: false, Task.CompletedTask);
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await dispatch.WaitAsync(Wait);

        _later.SetResult(Text.WithFiles(Card));
        _handlerAnswer.SetResult(InteractionResponse.Message(Text).ThenEdit(_later.Task));

        await _dispatcher.WhenIdleAsync().WaitAsync(Wait);
        Assert.Empty(_edits);
        _rest.Verify(r => r.DeleteOriginalResponseAsync("command-token", It.IsAny<CancellationToken>()), Times.Once);
    }

    public void Dispose() => _dispatcher.Dispose();

    private void Edited(MessagePayload message)
    {
        lock (_edits)
        {
            _edits.Add(message);
        }

        _edited.TrySetResult();
    }

    private Task Dispatch(bool initialCarriesFiles, Task sent) =>
        _dispatcher.DispatchAsync(
            new Interaction { Id = 1, Type = InteractionType.ApplicationCommand, Token = "command-token", Data = new InteractionData { Name = "stats" } },
            (response, _) =>
            {
                _initial.TrySetResult(response);
                return sent;
            },
            initialCarriesFiles,
            CancellationToken.None);
}

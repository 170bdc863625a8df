using System.Threading.Channels;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Tests;

/// <summary>
/// A handler the test holds: each interaction is announced on <see cref="Entered"/> and answered (by
/// <paramref name="answer"/>) only after <see cref="Release"/>, so a test decides exactly when work finishes.
/// </summary>
internal sealed class GatedHandler(Func<Interaction, InteractionResponse> answer, bool deferEphemerally = false) : IInteractionHandler
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public Channel<Interaction> Entered { get; } = System.Threading.Channels.Channel.CreateUnbounded<Interaction>();

    public int Calls => Volatile.Read(ref _calls);

    public void Release() => _gate.TrySetResult();

    public async Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Entered.Writer.TryWrite(interaction);
        await _gate.Task.WaitAsync(cancellationToken);
        return answer(interaction);
    }

    public bool DeferEphemerally(Interaction interaction) => deferEphemerally;

    public async Task<Interaction> WaitEnteredAsync() =>
        await Entered.Reader.ReadAsync().AsTask().WaitAsync(Testing.GatewaySimulator.DefaultTimeout);
}

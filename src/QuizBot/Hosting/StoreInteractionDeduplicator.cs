using QuizBot.Core.Ports;
using QuizBot.Discord.Interactions;

namespace QuizBot.Hosting;

/// <summary>
/// The bot's replay guard: a receipt per interaction id in the configured store (Storage:Provider), so every instance
/// and every process sharing the database agrees on which interactions were taken. One insert per interaction; expired
/// receipts are removed by <see cref="InteractionReceiptSweeper"/>, never on this path.
/// </summary>
public sealed class StoreInteractionDeduplicator(IInteractionReceiptStore receipts, TimeProvider time) : IInteractionDeduplicator
{
    public ValueTask<bool> TryBeginAsync(ulong interactionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return receipts.TryRecordAsync(interactionId, now, now + IInteractionDeduplicator.Window, cancellationToken);
    }
}

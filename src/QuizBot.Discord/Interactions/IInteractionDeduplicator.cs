namespace QuizBot.Discord.Interactions;

/// <summary>
/// Remembers which interaction ids were already taken, so a replayed request (or an event seen twice) is answered
/// without running the handler again. Discord never sends one interaction twice; an attacker replaying a signed
/// request might, so might a gateway replay after a resume, and so might a load balancer retrying a request on a
/// second instance. Several instances need one shared memory (the app keeps it in its database).
/// </summary>
public interface IInteractionDeduplicator
{
    /// <summary>How long an id is remembered: an interaction token's whole life.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>True the first time an id is seen within the window; false for a repeat.</summary>
    ValueTask<bool> TryBeginAsync(ulong interactionId, CancellationToken cancellationToken);
}

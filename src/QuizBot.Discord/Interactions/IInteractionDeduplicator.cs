namespace QuizBot.Discord.Interactions;

/// <summary>
/// Remembers which interaction ids were already taken, so a replayed request (or an event seen twice) is answered
/// without running the handler again. Discord never sends one interaction twice; an attacker replaying a signed
/// request might, and so might a gateway replay after a resume.
/// </summary>
public interface IInteractionDeduplicator
{
    /// <summary>True the first time an id is seen within the window; false for a repeat.</summary>
    bool TryBegin(ulong interactionId);
}

namespace QuizBot.LoadGen;

/// <summary>One virtual member: sends one interaction per step, and only after the previous reply, as a person does.</summary>
internal interface IVirtualMember
{
    /// <summary>
    /// Sends this member's next interaction and reads the reply. <paramref name="intendedAt"/> is the open-loop
    /// arrival time the latency counts from; null in the closed loop.
    /// </summary>
    Task StepAsync(InteractionSender sender, long? intendedAt = null);
}

/// <summary>
/// A member that only sends PINGs: the floor of the bot's cost per request (signature check and PONG). Every PING
/// is the same body, serialized once and signed once per second (see <see cref="RequestSigner.SignedAt"/>): the
/// client's own work per request stays small, for the bot and the Express peer alike, and both still verify each one.
/// </summary>
internal sealed class PingMember : IVirtualMember
{
    public Task StepAsync(InteractionSender sender, long? intendedAt = null) =>
        sender.SendAsync(DiscordMember.PingBody, InteractionKind.Ping, Expected.Pong, intendedAt);
}

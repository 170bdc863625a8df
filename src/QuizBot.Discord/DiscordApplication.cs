namespace QuizBot.Discord;

/// <summary>
/// The application id the REST client's webhook routes need, shared by the REST and gateway clients: configured,
/// or learnt from the gateway's READY when the configuration left it at 0. Set once, read from any thread.
/// </summary>
public sealed class DiscordApplication
{
    private long _id;

    public DiscordApplication(ulong configuredId = 0)
    {
        _id = unchecked((long)configuredId);
    }

    /// <summary>The application id, or 0 while unknown.</summary>
    public ulong Id => unchecked((ulong)Interlocked.Read(ref _id));

    /// <summary>Takes the id READY reported unless one is already known; true when it was taken.</summary>
    public bool Learn(ulong id) => id != 0 && Interlocked.CompareExchange(ref _id, unchecked((long)id), 0) == 0;
}

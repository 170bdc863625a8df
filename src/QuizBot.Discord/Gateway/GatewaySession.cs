namespace QuizBot.Discord.Gateway;

/// <summary>
/// What outlives one connection: the session id and resume URL from READY and the last sequence number.
/// The sequence is written by the receive loop and read by the heartbeat, hence the volatile access.
/// </summary>
internal sealed class GatewaySession
{
    private int _sequence = -1;

    public string? SessionId { get; private set; }

    public Uri? ResumeUrl { get; private set; }

    public int? Sequence => Volatile.Read(ref _sequence) is var value and >= 0 ? value : null;

    /// <summary>Resume (op 6) is possible only with both the session id and the URL to resume on.</summary>
    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    public void Observe(int? sequence)
    {
        if (sequence is { } value)
        {
            Volatile.Write(ref _sequence, value);
        }
    }

    public void Start(string sessionId, Uri? resumeUrl)
    {
        SessionId = sessionId;
        ResumeUrl = resumeUrl;
    }

    /// <summary>The session is gone (op 9 d:false, 4007, 4009...): the next connection identifies afresh.</summary>
    public void Forget()
    {
        SessionId = null;
        ResumeUrl = null;
        Volatile.Write(ref _sequence, -1);
    }
}

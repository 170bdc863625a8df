namespace QuizBot.Discord.Gateway;

/// <summary>Where the gateway connection stands, for health checks and the process exit code.</summary>
public enum GatewayConnectionState
{
    /// <summary>Started, no session yet.</summary>
    Connecting,

    /// <summary>READY or RESUMED received: interactions arrive.</summary>
    Connected,

    /// <summary>The connection ended and the client is resuming or identifying again.</summary>
    Reconnecting,

    /// <summary>Stopped on request (shutdown).</summary>
    Stopped,

    /// <summary>Discord refused the bot for good (e.g. close 4004, bad token); <see cref="IGatewayConnectionStatus.FatalCloseCode"/> says why.</summary>
    Failed,
}

/// <summary>The gateway connection's state as one read-only snapshot; safe to read from any thread.</summary>
public interface IGatewayConnectionStatus
{
    GatewayConnectionState State { get; }

    /// <summary>The close code that stopped the client for good (4004, 4010–4014), when <see cref="State"/> is Failed.</summary>
    int? FatalCloseCode { get; }

    /// <summary>One line saying why the client stopped for good, when <see cref="State"/> is Failed.</summary>
    string? FatalReason { get; }
}

/// <summary>The status the gateway client writes and everyone else reads.</summary>
internal sealed class GatewayConnectionStatus : IGatewayConnectionStatus
{
    private readonly Lock _sync = new();
    private GatewayConnectionState _state = GatewayConnectionState.Connecting;
    private int? _fatalCloseCode;
    private string? _fatalReason;

    public GatewayConnectionState State
    {
        get
        {
            lock (_sync)
            {
                return _state;
            }
        }
    }

    public int? FatalCloseCode
    {
        get
        {
            lock (_sync)
            {
                return _fatalCloseCode;
            }
        }
    }

    public string? FatalReason
    {
        get
        {
            lock (_sync)
            {
                return _fatalReason;
            }
        }
    }

    public void Set(GatewayConnectionState state)
    {
        lock (_sync)
        {
            // Failed and Stopped are final.
            if (_state is not (GatewayConnectionState.Failed or GatewayConnectionState.Stopped))
            {
                _state = state;
            }
        }
    }

    public void Fail(int? closeCode, string reason)
    {
        lock (_sync)
        {
            _state = GatewayConnectionState.Failed;
            _fatalCloseCode = closeCode;
            _fatalReason = reason;
        }
    }
}

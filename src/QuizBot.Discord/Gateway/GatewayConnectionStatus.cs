namespace QuizBot.Discord.Gateway;

/// <summary>Where a gateway connection stands, for health checks and the process exit code.</summary>
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

/// <summary>One shard of this process and where its connection stands.</summary>
public readonly record struct ShardConnectionState(int ShardId, GatewayConnectionState State);

/// <summary>The gateway client's state as read-only snapshots; safe to read from any thread.</summary>
public interface IGatewayConnectionStatus
{
    /// <summary>
    /// The process as a whole: Connected only when every shard it runs is; Reconnecting while any shard reconnects;
    /// Failed or Stopped once the client has stopped.
    /// </summary>
    GatewayConnectionState State { get; }

    /// <summary>The total number of shards of the bot (Discord:ShardCount), across all processes.</summary>
    int ShardCount { get; }

    /// <summary>Each shard this process runs, in ascending order, with its own state.</summary>
    IReadOnlyList<ShardConnectionState> Shards { get; }

    /// <summary>The close code that stopped the client for good (4004, 4010–4014), when <see cref="State"/> is Failed.</summary>
    int? FatalCloseCode { get; }

    /// <summary>One line saying why the client stopped for good, when <see cref="State"/> is Failed.</summary>
    string? FatalReason { get; }
}

/// <summary>The status the gateway client's shards write and everyone else reads.</summary>
internal sealed class GatewayConnectionStatus : IGatewayConnectionStatus
{
    private readonly Lock _sync = new();
    private readonly int[] _shardIds;
    private readonly GatewayConnectionState[] _states;
    private GatewayConnectionState? _final;
    private int? _fatalCloseCode;
    private string? _fatalReason;

    public GatewayConnectionStatus(IReadOnlyList<int> shardIds, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(shardIds);
        _shardIds = [.. shardIds];
        _states = new GatewayConnectionState[_shardIds.Length];
        ShardCount = shardCount;
    }

    public int ShardCount { get; }

    public GatewayConnectionState State
    {
        get
        {
            lock (_sync)
            {
                if (_final is { } final)
                {
                    return final;
                }

                if (_states.All(s => s == GatewayConnectionState.Connected))
                {
                    return GatewayConnectionState.Connected;
                }

                return _states.Contains(GatewayConnectionState.Reconnecting) ? GatewayConnectionState.Reconnecting : GatewayConnectionState.Connecting;
            }
        }
    }

    public IReadOnlyList<ShardConnectionState> Shards
    {
        get
        {
            lock (_sync)
            {
                return [.. _shardIds.Select((id, i) => new ShardConnectionState(id, _final ?? _states[i]))];
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

    /// <summary>One shard's state; ignored once the client has stopped or failed (both are final).</summary>
    public void Set(int shardId, GatewayConnectionState state)
    {
        lock (_sync)
        {
            var index = Array.IndexOf(_shardIds, shardId);
            if (_final is null && index >= 0)
            {
                _states[index] = state;
            }
        }
    }

    /// <summary>The whole client stopped on request; a failure stays a failure.</summary>
    public void Stopped()
    {
        lock (_sync)
        {
            _final ??= GatewayConnectionState.Stopped;
        }
    }

    /// <summary>Discord refused the bot: the first reason is kept.</summary>
    public bool Fail(int? closeCode, string reason)
    {
        lock (_sync)
        {
            if (_final is not null)
            {
                return false;
            }

            _final = GatewayConnectionState.Failed;
            _fatalCloseCode = closeCode;
            _fatalReason = reason;
            return true;
        }
    }
}

using System.Text.Json.Nodes;

namespace QuizBot.Discord.Testing;

/// <summary>
/// A gateway session as the simulator sees it: which shard it holds (from the IDENTIFY that opened it), the connection
/// it lives on now, and the events routed to it while it had none, replayed when it is resumed.
/// </summary>
public sealed class SimulatedSession
{
    private readonly List<JsonObject> _backlog = [];

    internal SimulatedSession(string id, int shardId, int shardCount, GatewayConnection connection)
    {
        Id = id;
        ShardId = shardId;
        ShardCount = shardCount;
        Connection = connection;
    }

    public string Id { get; }

    public int ShardId { get; }

    public int ShardCount { get; }

    /// <summary>The connection the session was last started or resumed on.</summary>
    public GatewayConnection Connection { get; private set; }

    /// <summary>True while <see cref="Connection"/> is open.</summary>
    public bool IsLive => !Connection.Closed.IsCompleted;

    /// <summary>Events routed here while the session had no open connection, in order.</summary>
    public int Waiting
    {
        get
        {
            lock (_backlog)
            {
                return _backlog.Count;
            }
        }
    }

    /// <summary>Whether this session receives the events of <paramref name="guildId"/>: Discord's (guild_id &gt;&gt; 22) % num_shards, shard 0 without a guild.</summary>
    public bool Receives(ulong? guildId) => (guildId is { } id ? (int)((id >> 22) % (ulong)ShardCount) : 0) == ShardId;

    /// <summary>Sends the event now if the session is live, else keeps it for the resume; null when it waits.</summary>
    internal async Task<GatewayConnection?> DeliverAsync(JsonObject dispatch)
    {
        GatewayConnection live;
        lock (_backlog)
        {
            if (!IsLive)
            {
                _backlog.Add(dispatch);
                return null;
            }

            live = Connection;
        }

        await live.SendDispatchFrameAsync(dispatch);
        return live;
    }

    /// <summary>The session moves to <paramref name="connection"/>: what waited is handed over to be replayed there.</summary>
    internal IReadOnlyList<JsonObject> ResumeOn(GatewayConnection connection)
    {
        lock (_backlog)
        {
            Connection = connection;
            var replay = _backlog.ToList();
            _backlog.Clear();
            return replay;
        }
    }
}

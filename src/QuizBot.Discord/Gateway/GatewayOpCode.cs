using System.Text.Json;

namespace QuizBot.Discord.Gateway;

/// <summary>Gateway opcodes (docs: topics/Opcodes_and_Status_Codes), the ones a bot sends or receives.</summary>
public enum GatewayOpCode
{
    Dispatch = 0,
    Heartbeat = 1,
    Identify = 2,
    PresenceUpdate = 3,
    VoiceStateUpdate = 4,
    Resume = 6,
    Reconnect = 7,
    RequestGuildMembers = 8,
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11,
}

/// <summary>One received gateway payload: op, d, and for dispatches s and t.</summary>
internal readonly record struct GatewayEnvelope(GatewayOpCode Op, JsonElement Data, int? Sequence, string? EventName)
{
    /// <summary>False when the frame has no numeric op (it is then skipped, never fatal).</summary>
    public static bool TryRead(JsonElement root, out GatewayEnvelope envelope)
    {
        envelope = default;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.Number || !op.TryGetInt32(out var code))
        {
            return false;
        }

        var data = root.TryGetProperty("d", out var d) ? d : default;
        int? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var number) ? number : null;
        var eventName = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        envelope = new GatewayEnvelope((GatewayOpCode)code, data, sequence, eventName);
        return true;
    }

    /// <summary>Hello's heartbeat_interval, when it is a positive number.</summary>
    public bool TryReadHeartbeatInterval(out TimeSpan interval)
    {
        interval = default;
        if (Data.ValueKind != JsonValueKind.Object
            || !Data.TryGetProperty("heartbeat_interval", out var value) || !value.TryGetDouble(out var milliseconds)
            || milliseconds <= 0)
        {
            return false;
        }

        interval = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Op 9's d: whether the session may be resumed.</summary>
    public bool Resumable => Data.ValueKind == JsonValueKind.True;
}

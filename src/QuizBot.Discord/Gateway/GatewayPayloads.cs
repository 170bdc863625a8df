using System.Text.Json;

namespace QuizBot.Discord.Gateway;

/// <summary>The frames the client sends, written by hand so nulls Discord expects (heartbeat d) stay in.</summary>
internal static class GatewayPayloads
{
    public static byte[] HeartbeatFrame(int? sequence) =>
        Write(writer =>
        {
            writer.WriteNumber("op", (int)GatewayOpCode.Heartbeat);
            if (sequence is { } value)
            {
                writer.WriteNumber("d", value);
            }
            else
            {
                writer.WriteNull("d");
            }
        });

    public static byte[] IdentifyFrame(string token, int intents, int shardId, int shardCount, string clientName) =>
        Write(writer =>
        {
            writer.WriteNumber("op", (int)GatewayOpCode.Identify);
            writer.WriteStartObject("d");
            writer.WriteString("token", token);
            writer.WriteNumber("intents", intents);
            writer.WriteStartObject("properties");
            writer.WriteString("os", Environment.OSVersion.Platform.ToString().ToLowerInvariant());
            writer.WriteString("browser", clientName);
            writer.WriteString("device", clientName);
            writer.WriteEndObject();
            writer.WriteStartArray("shard");
            writer.WriteNumberValue(shardId);
            writer.WriteNumberValue(shardCount);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static byte[] ResumeFrame(string token, string sessionId, int? sequence) =>
        Write(writer =>
        {
            writer.WriteNumber("op", (int)GatewayOpCode.Resume);
            writer.WriteStartObject("d");
            writer.WriteString("token", token);
            writer.WriteString("session_id", sessionId);
            if (sequence is { } value)
            {
                writer.WriteNumber("seq", value);
            }
            else
            {
                writer.WriteNull("seq");
            }

            writer.WriteEndObject();
        });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

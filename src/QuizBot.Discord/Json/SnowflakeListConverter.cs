using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuizBot.Discord.Json;

/// <summary>A list of snowflakes (role ids, mention lists), each read and written like <see cref="SnowflakeConverter"/>.</summary>
public sealed class SnowflakeListConverter : JsonConverter<IReadOnlyList<ulong>>
{
    private static readonly SnowflakeConverter Snowflake = new();

    public override IReadOnlyList<ulong> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a list of snowflakes, got {reader.TokenType}.");
        }

        var ids = new List<ulong>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ids.Add(Snowflake.Read(ref reader, typeof(ulong), options));
        }

        return ids;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ulong> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var id in value)
        {
            Snowflake.Write(writer, id, options);
        }

        writer.WriteEndArray();
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuizBot.Discord.Json;

/// <summary>
/// Discord sends 64-bit ids (and permission bitfields) as JSON strings so JavaScript clients keep every bit;
/// we hold them as ulong and write them back as strings. Numbers are accepted on read too.
/// </summary>
public sealed class SnowflakeConverter : JsonConverter<ulong>
{
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetUInt64();
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return ParseUtf8(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }

        throw new JsonException($"Expected a snowflake string, got {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    public override ulong ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ParseUtf8(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString(CultureInfo.InvariantCulture));
    }

    private static ulong ParseUtf8(ReadOnlySpan<byte> utf8)
    {
        if (Utf8Parser.TryParse(utf8, out ulong value, out int consumed) && consumed == utf8.Length)
        {
            return value;
        }

        throw new JsonException("A snowflake must be a decimal unsigned 64-bit integer.");
    }
}

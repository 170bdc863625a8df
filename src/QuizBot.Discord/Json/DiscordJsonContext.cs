using System.Text.Json.Serialization;
using QuizBot.Discord.Json;
using QuizBot.Discord.Models;

namespace QuizBot.Discord;

/// <summary>
/// Source-generated JSON for every payload we read or write: snake_case names, snowflakes as strings,
/// unknown fields ignored, null fields left out when writing.
/// Snowflakes are marked on their properties (<see cref="SnowflakeConverter"/>), not listed in the options: any
/// converter in the options turns off the generated serializers for every type, and each reply would then be written
/// through the slower metadata path.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(NoncedMessagePayload))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(ApplicationCommand))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(GatewayBot))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(CreateDmRequest))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace QuizBot.Cli;

/// <summary>Source-generated JSON for the schedule verb's output (camelCase names).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<ScheduleCommand.ScheduleRow>))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;

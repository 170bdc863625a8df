using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace QuizBot.Discord.Testing;

/// <summary>One part of a multipart/form-data body: its headers as sent, its form name and file name, and its bytes.</summary>
public sealed record RecordedPart(IReadOnlyDictionary<string, string> Headers, string? Name, string? FileName, string? ContentType, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);
}

public sealed partial record RecordedRequest
{
    /// <summary>The body exactly as received (files included).</summary>
    public byte[] RawBody { get; init; } = [];

    public bool IsMultipart => Header("Content-Type")?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The JSON of the request: the body, or the payload_json part of a multipart body.</summary>
    public JsonNode? JsonPayload => IsMultipart
        ? Parts.FirstOrDefault(p => p.Name == "payload_json") is { } part ? JsonNode.Parse(part.Text) : null
        : Json;

    /// <summary>The parts of a multipart/form-data body, in order (empty for any other body).</summary>
    public IReadOnlyList<RecordedPart> Parts
    {
        get
        {
            if (!IsMultipart || !MediaTypeHeaderValue.TryParse(Header("Content-Type"), out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            {
                return [];
            }

            return ReadParts(boundary).GetAwaiter().GetResult();
        }
    }

    private async Task<IReadOnlyList<RecordedPart>> ReadParts(string boundary)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(RawBody));
        var parts = new List<RecordedPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            var disposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var parsed) ? parsed : null;
            parts.Add(new RecordedPart(
                section.Headers?.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase) ?? [],
                disposition is null ? null : HeaderUtilities.RemoveQuotes(disposition.Name).Value,
                disposition is null ? null : HeaderUtilities.RemoveQuotes(disposition.FileName).Value,
                section.ContentType,
                content.ToArray()));
        }

        return parts;
    }
}

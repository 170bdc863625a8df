using System.Globalization;
using System.Text.Json.Nodes;

namespace QuizBot.Discord.Testing;

/// <summary>
/// A file upload as Discord's "Uploading Files" defines it, read from a recorded multipart/form-data request:
/// the <c>payload_json</c> part (JSON) and the <c>files[n]</c> parts, each with a file name. <see cref="Attachments"/>
/// is the payload's <c>attachments</c> array (under <c>data</c> for an interaction callback).
/// </summary>
public sealed record RecordedUpload(JsonNode Payload, JsonArray Attachments, IReadOnlyList<RecordedPart> Files)
{
    /// <summary>Reads the request, throwing with the reason when it is not shaped as Discord documents.</summary>
    public static RecordedUpload From(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsMultipart)
        {
            throw new InvalidOperationException($"Expected multipart/form-data, got {request.Header("Content-Type") ?? "no content type"}.");
        }

        var parts = request.Parts;
        var payloadPart = parts.Count > 0 && parts[0].Name == "payload_json"
            ? parts[0]
            : throw new InvalidOperationException("The first part is not payload_json.");
        if (payloadPart.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"payload_json has content type {payloadPart.ContentType ?? "none"}, not application/json.");
        }

        var payload = JsonNode.Parse(payloadPart.Text) ?? throw new InvalidOperationException("payload_json is empty.");
        var files = parts.Skip(1).ToList();
        var attachments = (payload["data"]?["attachments"] ?? payload["attachments"]) as JsonArray
            ?? throw new InvalidOperationException("payload_json has no attachments array.");
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file.Name != $"files[{i}]" || string.IsNullOrEmpty(file.FileName))
            {
                throw new InvalidOperationException($"Part {i + 1} is named {file.Name ?? "nothing"} with file name {file.FileName ?? "none"}; expected files[{i}] with a file name.");
            }

            var placeholder = i.ToString(CultureInfo.InvariantCulture);
            var attachment = attachments.FirstOrDefault(a => a?["id"]?.ToString() == placeholder)
                ?? throw new InvalidOperationException($"attachments does not name files[{i}] (id {placeholder}).");
            if (attachment["filename"]?.GetValue<string>() != file.FileName)
            {
                throw new InvalidOperationException($"attachments[{placeholder}].filename is not {file.FileName}.");
            }
        }

        return new RecordedUpload(payload, attachments, files);
    }
}

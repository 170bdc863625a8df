using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Rest;

/// <summary>
/// Builds the multipart/form-data body Discord takes for uploads: a <c>payload_json</c> part with the JSON
/// body, then <c>files[0]</c>, <c>files[1]</c>, … each with its file name and media type. The body is built
/// once as bytes, so a retry after a 429 or a 5xx sends exactly the same request.
/// </summary>
internal static class MultipartBody
{
    public static async Task<(byte[] Body, MediaTypeHeaderValue ContentType)> BuildAsync<T>(
        T payload, JsonTypeInfo<T> typeInfo, IReadOnlyList<FileUpload> files, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent($"quizbot-{Guid.NewGuid():N}");
        var json = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        json.Headers.ContentDisposition = FormData("payload_json", null);
        form.Add(json);

        for (var i = 0; i < files.Count; i++)
        {
            var part = new ReadOnlyMemoryContent(files[i].Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            part.Headers.ContentDisposition = FormData($"files[{i}]", files[i].FileName);
            form.Add(part);
        }

        var body = await form.ReadAsByteArrayAsync(cancellationToken);
        return (body, form.Headers.ContentType!);
    }

    /// <summary>The message with an <c>attachments</c> entry per file (id = its <c>files[n]</c> index), unless the caller named them.</summary>
    public static T WithAttachments<T>(T message)
        where T : MessagePayload
    {
        if (message is not { Files: { Count: > 0 } files, Attachments: null })
        {
            return message;
        }

        // A record's "with" keeps the runtime type (callback data stays callback data).
        MessagePayload payload = message;
        return (T)(payload with
        {
            Attachments = files.Select((file, index) => new AttachmentReference { Id = (ulong)index, Filename = file.FileName, Description = file.Description }).ToList(),
        });
    }

    public static IReadOnlyList<FileUpload> FilesOf(MessagePayload? message) =>
        message?.Files is { Count: > 0 } files
            ? files
            : throw new ArgumentException("The message has no files: use the JSON call instead.", nameof(message));

    // Quoted parameters, as RFC 7578 writes them; Discord needs name="files[n]" and a filename.
    private static ContentDispositionHeaderValue FormData(string name, string? fileName) =>
        new("form-data") { Name = Quote(name), FileName = fileName is null ? null : Quote(fileName) };

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

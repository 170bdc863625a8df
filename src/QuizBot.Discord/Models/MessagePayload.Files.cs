using System.Text.Json.Serialization;
using QuizBot.Discord.Json;

namespace QuizBot.Discord.Models;

public partial record MessagePayload
{
    public const int MaxFiles = 10;

    /// <summary>
    /// Attachments to keep or add, as in the JSON: a new file's <see cref="AttachmentReference.Id"/> is its
    /// index in <see cref="Files"/>. Left null, the multipart senders fill it in from <see cref="Files"/>.
    /// </summary>
    public IReadOnlyList<AttachmentReference>? Attachments { get; init; }

    /// <summary>
    /// Files to upload with the message (sent as multipart/form-data parts <c>files[n]</c>, never in the JSON).
    /// An embed shows one with the URL <c>attachment://{file name}</c>.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<FileUpload>? Files { get; init; }

    [JsonIgnore]
    public bool HasFiles => Files is { Count: > 0 };

    /// <summary>This message with its files attached (replacing any earlier ones).</summary>
    public MessagePayload WithFiles(params FileUpload[] files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Length > MaxFiles)
        {
            throw new ArgumentException($"Discord accepts at most {MaxFiles} files on a message, got {files.Length}.", nameof(files));
        }

        return this with { Files = files };
    }
}

/// <summary>A file to upload with a message: its name (what <c>attachment://</c> refers to), bytes and media type.</summary>
public sealed record FileUpload(string FileName, ReadOnlyMemory<byte> Content, string ContentType, string? Description = null)
{
    public static FileUpload Png(string fileName, ReadOnlyMemory<byte> content, string? description = null) =>
        new(fileName, content, "image/png", description);

    public Uri AttachmentUrl => new($"attachment://{FileName}");
}

/// <summary>A partial attachment object in a message's JSON: a placeholder id for a new file, or an existing attachment's id.</summary>
public sealed record AttachmentReference
{
    [JsonConverter(typeof(SnowflakeConverter))]
    public ulong Id { get; init; }

    public string? Filename { get; init; }

    public string? Description { get; init; }
}

using System.Net.Http.Headers;

namespace QuizBot.Discord.Rest;

/// <summary>A request body built once (so a retry resends the same bytes): JSON unless a content type says otherwise.</summary>
internal readonly record struct RequestBody(byte[] Bytes, MediaTypeHeaderValue? ContentType = null)
{
    public static implicit operator RequestBody(byte[] json) => new(json);
}

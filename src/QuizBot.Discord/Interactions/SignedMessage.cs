using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// A request's body read from Kestrel's pipe into one pooled buffer right after the UTF-8 timestamp, the layout
/// Discord signs, so the signature is checked over it without copying the body again. Nothing larger than the
/// limit is ever buffered; the buffer goes back to the pool on dispose.
/// </summary>
internal sealed class SignedMessage : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _timestampLength;
    private readonly int _length;

    private SignedMessage(byte[] buffer, int timestampLength, int length)
    {
        _buffer = buffer;
        _timestampLength = timestampLength;
        _length = length;
    }

    /// <summary>UTF-8(timestamp) followed by the body: what the signature covers.</summary>
    public ReadOnlySpan<byte> TimestampThenBody => _buffer.AsSpan(0, _length);

    public ReadOnlySpan<byte> Body => _buffer.AsSpan(_timestampLength, _length - _timestampLength);

    /// <summary>Reads the whole body; null when it is larger than <paramref name="limit"/> bytes (announced, or once past it).</summary>
    public static async Task<SignedMessage?> ReadAsync(HttpContext context, string? timestamp, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            // Kestrel then stops a chunked body at the limit too.
            sizeLimit.MaxRequestBodySize = limit + 1;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            var body = read.Buffer;
            if (body.Length > limit)
            {
                reader.AdvanceTo(body.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var message = Copy(timestamp ?? "", body);
                reader.AdvanceTo(body.End);
                return message;
            }

            // Nothing consumed yet: wait for the rest of the body next to what is buffered.
            reader.AdvanceTo(body.Start, body.End);
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private static SignedMessage Copy(string timestamp, ReadOnlySequence<byte> body)
    {
        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        var length = timestampLength + (int)body.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Encoding.UTF8.GetBytes(timestamp, buffer);
        body.CopyTo(buffer.AsSpan(timestampLength));
        return new SignedMessage(buffer, timestampLength, length);
    }
}

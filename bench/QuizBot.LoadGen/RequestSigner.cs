using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace QuizBot.LoadGen;

/// <summary>
/// Signs interaction requests as Discord does: Ed25519 over UTF-8(timestamp) followed by the body bytes,
/// sent in X-Signature-Ed25519 and X-Signature-Timestamp.
/// </summary>
internal sealed class RequestSigner : IDisposable
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key key;

    private RequestSigner(Key key)
    {
        this.key = key;
        PublicKeyHex = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The public key in hex, as the bot's Discord:PublicKey setting expects it.</summary>
    public string PublicKeyHex { get; }

    /// <summary>A fresh random key pair, for a bot started by the generator itself.</summary>
    public static RequestSigner Create() => new(Key.Create(Ed25519));

    /// <summary>Whether the text is a 32-byte private key (seed) in hex.</summary>
    public static bool IsPrivateKeyHex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>The key pair of a private key that <see cref="IsPrivateKeyHex"/> accepted.</summary>
    public static RequestSigner FromPrivateKeyHex(string privateKeyHex) =>
        new(Key.Import(Ed25519, Convert.FromHexString(privateKeyHex), KeyBlobFormat.RawPrivateKey));

    /// <summary>A signed POST of <paramref name="body"/> to <paramref name="url"/>, stamped with the current Unix time.</summary>
    public HttpRequestMessage CreateRequest(Uri url, byte[] body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));

        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(Ed25519.Sign(key, message)));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }

    public void Dispose() => key.Dispose();
}

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
    private Signed? lastSigned;

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

    /// <summary>
    /// The signature of <paramref name="body"/> stamped with the current Unix time. The same body array sent again
    /// within the same second reuses its signature (signing it again would give the same bytes: Ed25519 is
    /// deterministic), so a load of one repeated body (PINGs) does not spend the client's CPU, which the server under
    /// test shares, on signing; the server still verifies every request in full.
    /// </summary>
    public Signed SignedAt(byte[] body, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var last = Volatile.Read(ref lastSigned);
        if (last is null || last.Seconds != seconds || !ReferenceEquals(last.Body, body))
        {
            last = Sign(seconds, body);
            Volatile.Write(ref lastSigned, last);
        }

        return last;
    }

    /// <summary>The signature of <paramref name="body"/> at <paramref name="seconds"/>, in hex as the header carries it.</summary>
    internal Signed Sign(long seconds, byte[] body)
    {
        var timestamp = seconds.ToString(CultureInfo.InvariantCulture);
        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        return new Signed(seconds, timestamp, body, Convert.ToHexStringLower(Ed25519.Sign(key, message)));
    }

    public void Dispose() => key.Dispose();
}

/// <summary>A body signed at a Unix second.</summary>
internal sealed record Signed(long Seconds, string Timestamp, byte[] Body, string SignatureHex);

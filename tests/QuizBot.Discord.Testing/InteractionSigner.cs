using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace QuizBot.Discord.Testing;

/// <summary>
/// Plays Discord's side of request signing: an Ed25519 key pair that signs UTF-8(timestamp) || body and
/// builds requests carrying X-Signature-Ed25519 and X-Signature-Timestamp.
/// </summary>
public sealed class InteractionSigner : IDisposable
{
    /// <summary>RFC 8032 section 7.1, TEST 1: a published key pair, fine for fixtures.</summary>
    public const string Rfc8032Test1PrivateKeyHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string Rfc8032Test1PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private InteractionSigner(Key key)
    {
        _key = key;
        PublicKeyHex = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>Lower-case hex of the public key, what Discord shows as the application's public key.</summary>
    public string PublicKeyHex { get; }

    /// <summary>A fresh random key pair.</summary>
    public static InteractionSigner Create() => new(Key.Create(Ed25519, Exportable()));

    /// <summary>A key pair from a 32-byte private key (seed) in hex.</summary>
    public static InteractionSigner FromPrivateKeyHex(string privateKeyHex) =>
        new(Key.Import(Ed25519, Convert.FromHexString(privateKeyHex), KeyBlobFormat.RawPrivateKey, Exportable()));

    public static InteractionSigner Rfc8032Test1() => FromPrivateKeyHex(Rfc8032Test1PrivateKeyHex);

    /// <summary>The hex signature Discord would send for this timestamp and body.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        return Convert.ToHexStringLower(Ed25519.Sign(_key, message));
    }

    /// <summary>A POST of <paramref name="json"/> to <paramref name="url"/>, signed like Discord signs it.</summary>
    public HttpRequestMessage CreateRequest(Uri url, string json, string? timestamp = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }

    public void Dispose() => _key.Dispose();

    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
}

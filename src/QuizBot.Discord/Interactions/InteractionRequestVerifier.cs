using System.Text;
using NSec.Cryptography;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// Checks Discord's Ed25519 signature over UTF-8(timestamp) followed by the raw body. Every malformed or
/// missing input simply fails verification; nothing here throws on request data.
/// </summary>
public sealed class InteractionRequestVerifier
{
    private const int SignatureHexLength = 128;
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _publicKey;

    public InteractionRequestVerifier(string publicKeyHex)
    {
        if (!TryParseHex(publicKeyHex, Ed25519.PublicKeySize * 2, out var keyBytes)
            || !PublicKey.TryImport(Ed25519, keyBytes, KeyBlobFormat.RawPublicKey, out var publicKey)
            || publicKey is null)
        {
            throw new ArgumentException("The Discord public key must be 64 hexadecimal characters (an Ed25519 public key).", nameof(publicKeyHex));
        }

        _publicKey = publicKey;
    }

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (timestamp is null || !TryParseHex(signatureHex, SignatureHexLength, out var signature))
        {
            return false;
        }

        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        var signed = new byte[timestampLength + body.Length];
        Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(timestampLength));
        return Ed25519.Verify(_publicKey, signed, signature);
    }

    private static bool TryParseHex(string? hex, int expectedLength, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length != expectedLength || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}

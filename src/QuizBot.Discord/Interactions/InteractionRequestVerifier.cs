using System.Buffers;
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
        Span<byte> keyBytes = stackalloc byte[Ed25519.PublicKeySize];
        if (!TryParseHex(publicKeyHex, keyBytes)
            || !PublicKey.TryImport(Ed25519, keyBytes, KeyBlobFormat.RawPublicKey, out var publicKey)
            || publicKey is null)
        {
            throw new ArgumentException("The Discord public key must be 64 hexadecimal characters (an Ed25519 public key).", nameof(publicKeyHex));
        }

        _publicKey = publicKey;
    }

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (timestamp is null)
        {
            return false;
        }

        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        var signed = ArrayPool<byte>.Shared.Rent(timestampLength + body.Length);
        try
        {
            Encoding.UTF8.GetBytes(timestamp, signed);
            body.CopyTo(signed.AsSpan(timestampLength));
            return VerifySigned(signatureHex, signed.AsSpan(0, timestampLength + body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
        }
    }

    /// <summary>
    /// The same check over a message already laid out as Discord signs it, UTF-8(timestamp) then the body, as the
    /// endpoint reads it: no copy of the body.
    /// </summary>
    public bool VerifySigned(string? signatureHex, ReadOnlySpan<byte> timestampThenBody)
    {
        Span<byte> signature = stackalloc byte[SignatureHexLength / 2];
        return TryParseHex(signatureHex, signature) && Ed25519.Verify(_publicKey, timestampThenBody, signature);
    }

    /// <summary>Exactly <c>destination.Length * 2</c> hex digits, either case; anything else is false.</summary>
    private static bool TryParseHex(string? hex, Span<byte> destination) =>
        hex is not null
        && hex.Length == destination.Length * 2
        && Convert.FromHexString(hex, destination, out _, out var written) == OperationStatus.Done
        && written == destination.Length;
}

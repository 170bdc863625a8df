using System.Text;
using QuizBot.Discord.Interactions;

namespace QuizBot.LoadGen.Tests;

public sealed class RequestSignerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_765_000_000);

    [Fact]
    public void A_body_is_signed_over_its_timestamp_and_bytes_as_the_bot_verifies()
    {
        using var signer = RequestSigner.Create();
        var verifier = new InteractionRequestVerifier(signer.PublicKeyHex);
        var body = Encoding.UTF8.GetBytes("""{"type":1}""");

        var signed = signer.SignedAt(body, Now);

        Assert.Equal("1765000000", signed.Timestamp);
        Assert.Same(body, signed.Body);
        Assert.True(verifier.Verify(signed.SignatureHex, signed.Timestamp, body));
        Assert.False(verifier.Verify(signed.SignatureHex, "1765000001", body));
    }

    [Fact]
    public void The_same_body_within_a_second_reuses_its_signature_and_a_new_second_or_body_is_signed_afresh()
    {
        using var signer = RequestSigner.Create();
        var verifier = new InteractionRequestVerifier(signer.PublicKeyHex);
        var ping = Encoding.UTF8.GetBytes("""{"type":1}""");
        var equalButOther = (byte[])ping.Clone();

        var first = Headers(signer, ping, Now);
        var sameSecond = Headers(signer, ping, Now.AddMilliseconds(999));
        var nextSecond = Headers(signer, ping, Now.AddSeconds(1));
        var otherArray = Headers(signer, equalButOther, Now.AddSeconds(1));

        Assert.Equal(first, sameSecond);
        Assert.Equal("1765000001", nextSecond.Timestamp);
        Assert.NotEqual(first.Signature, nextSecond.Signature);
        Assert.True(verifier.Verify(nextSecond.Signature, nextSecond.Timestamp, ping));

        // Reuse is by the very array (a repeated body), never by content: Ed25519 would give the same bytes anyway.
        Assert.Equal(nextSecond, otherArray);
        Assert.Same(equalButOther, signer.Sign(1_765_000_001, equalButOther).Body);
    }

    [Fact]
    public void A_different_body_in_the_same_second_gets_its_own_signature()
    {
        using var signer = RequestSigner.Create();
        var verifier = new InteractionRequestVerifier(signer.PublicKeyHex);
        var ping = Encoding.UTF8.GetBytes("""{"type":1}""");
        var command = Encoding.UTF8.GetBytes("""{"type":2}""");

        var a = Headers(signer, ping, Now);
        var b = Headers(signer, command, Now);
        var c = Headers(signer, ping, Now);

        Assert.NotEqual(a.Signature, b.Signature);
        Assert.True(verifier.Verify(b.Signature, b.Timestamp, command));
        Assert.False(verifier.Verify(b.Signature, b.Timestamp, ping));
        Assert.Equal(a, c);
    }

    [Fact]
    public void Every_ping_of_the_load_is_one_serialized_body()
    {
        Assert.Same(DiscordMember.PingBody, DiscordMember.PingBody);
        Assert.Contains("\"type\":1", Encoding.UTF8.GetString(DiscordMember.PingBody), StringComparison.Ordinal);
    }

    private static (string Timestamp, string Signature) Headers(RequestSigner signer, byte[] body, DateTimeOffset now)
    {
        var signed = signer.SignedAt(body, now);
        return (signed.Timestamp, signed.SignatureHex);
    }
}

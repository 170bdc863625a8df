using System.Text;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public class InteractionRequestVerifierTests
{
    // RFC 8032 section 7.1, TEST 1: the signature of the empty message under the published key.
    private const string Rfc8032Test1EmptyMessageSignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    private const string Timestamp = "1735689600";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":1,"id":"1","application_id":"2","token":"t","version":1}""");

    [Fact]
    public void The_rfc_8032_test_1_signature_of_the_empty_message_verifies()
    {
        var verifier = new InteractionRequestVerifier(InteractionSigner.Rfc8032Test1PublicKeyHex);

        Assert.True(verifier.Verify(Rfc8032Test1EmptyMessageSignature, "", []));
    }

    [Fact]
    public void Our_signer_reproduces_the_rfc_8032_test_1_key_and_signature()
    {
        using var signer = InteractionSigner.Rfc8032Test1();

        Assert.Equal(InteractionSigner.Rfc8032Test1PublicKeyHex, signer.PublicKeyHex);
        Assert.Equal(Rfc8032Test1EmptyMessageSignature, signer.Sign("", []));
    }

    [Fact]
    public void A_body_signed_with_the_rfc_key_verifies()
    {
        using var signer = InteractionSigner.Rfc8032Test1();
        var verifier = new InteractionRequestVerifier(signer.PublicKeyHex);

        Assert.True(verifier.Verify(signer.Sign(Timestamp, Body), Timestamp, Body));
    }

    [Fact]
    public void A_body_signed_with_a_fresh_key_pair_verifies_and_upper_case_hex_is_accepted()
    {
        using var signer = InteractionSigner.Create();
        var verifier = new InteractionRequestVerifier(signer.PublicKeyHex.ToUpperInvariant());

        Assert.True(verifier.Verify(signer.Sign(Timestamp, Body).ToUpperInvariant(), Timestamp, Body));
    }

    [Fact]
    public void A_changed_body_fails()
    {
        var (verifier, signature) = Signed();
        var changed = (byte[])Body.Clone();
        changed[^2] ^= 0x01;

        Assert.False(verifier.Verify(signature, Timestamp, changed));
    }

    [Fact]
    public void A_changed_timestamp_fails()
    {
        var (verifier, signature) = Signed();

        Assert.False(verifier.Verify(signature, "1735689601", Body));
    }

    [Fact]
    public void A_signature_from_another_key_fails()
    {
        using var other = InteractionSigner.Create();
        var (verifier, _) = Signed();

        Assert.False(verifier.Verify(other.Sign(Timestamp, Body), Timestamp, Body));
    }

    [Fact]
    public void A_flipped_signature_bit_fails()
    {
        var (verifier, signature) = Signed();
        var flipped = (signature[0] == '0' ? '1' : '0') + signature[1..];

        Assert.False(verifier.Verify(flipped, Timestamp, Body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not hex at all")]
    [InlineData("zz")]
    public void Missing_or_non_hex_signatures_fail(string? signature)
    {
        var (verifier, _) = Signed();

        Assert.False(verifier.Verify(signature, Timestamp, Body));
    }

    [Fact]
    public void Wrong_length_signatures_fail()
    {
        var (verifier, signature) = Signed();

        Assert.False(verifier.Verify(signature[..126], Timestamp, Body));
        Assert.False(verifier.Verify(signature + "00", Timestamp, Body));
        Assert.False(verifier.Verify(signature[..127] + "g", Timestamp, Body));
    }

    [Fact]
    public void A_missing_timestamp_fails()
    {
        var (verifier, signature) = Signed();

        Assert.False(verifier.Verify(signature, null, Body));
    }

    [Fact]
    public void The_message_laid_out_as_signed_verifies_only_with_its_own_timestamp_and_body()
    {
        var (verifier, signature) = Signed();
        var message = Encoding.UTF8.GetBytes(Timestamp).Concat(Body).ToArray();

        Assert.True(verifier.VerifySigned(signature, message));
        Assert.False(verifier.VerifySigned(signature, Encoding.UTF8.GetBytes("1735689601").Concat(Body).ToArray()));
        Assert.False(verifier.VerifySigned(signature, message[..^1]));
        Assert.False(verifier.VerifySigned(signature, Body));
        Assert.False(verifier.VerifySigned(null, message));
        Assert.False(verifier.VerifySigned(signature[..127] + "g", message));
        Assert.False(verifier.VerifySigned(" " + signature[1..], message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("d75a98")]
    [InlineData("not-a-key-not-a-key-not-a-key-not-a-key-not-a-key-not-a-key-1234")]
    public void A_malformed_public_key_is_refused_at_construction(string key) =>
        Assert.Throws<ArgumentException>(() => new InteractionRequestVerifier(key));

    private static (InteractionRequestVerifier Verifier, string Signature) Signed()
    {
        using var signer = InteractionSigner.Create();
        return (new InteractionRequestVerifier(signer.PublicKeyHex), signer.Sign(Timestamp, Body));
    }
}

using System.Text;
using QuizBot.Discord.Interactions;

namespace QuizBot.Discord.Tests;

/// <summary>The endpoint answers a verified PING from its top-level "type" alone, without building the interaction.</summary>
public sealed class PingRecognitionTests
{
    [Theory]
    [InlineData("""{"type":1}""")]
    [InlineData("""{"id":"1","application_id":"77","type":1,"token":"t","version":1}""")]
    [InlineData("""{"user":{"id":"9","type":2},"entitlements":[{"type":3}],"type":1}""")]
    [InlineData(""" { "type" : 1 , "version" : 1 } """)]
    [InlineData("""{"type":2,"type":1}""")]
    public void A_top_level_type_of_1_is_a_ping(string body)
    {
        Assert.True(InteractionEndpoint.IsPing(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("""{"type":2,"data":{"id":"5","name":"ping","type":1}}""")]
    [InlineData("""{"data":{"type":1},"type":2}""")]
    [InlineData("""{"data":{"type":1}}""")]
    [InlineData("""{"type":1,"type":2}""")]
    [InlineData("""{"type":"1"}""")]
    [InlineData("""{"type":1.5}""")]
    [InlineData("""{"type":1} {"type":1}""")]
    [InlineData("""{"type":1""")]
    [InlineData("""{"type":1,}""")]
    [InlineData("""[{"type":1}]""")]
    [InlineData("null")]
    [InlineData("")]
    public void Anything_else_is_not_taken_for_a_ping(string body)
    {
        Assert.False(InteractionEndpoint.IsPing(Encoding.UTF8.GetBytes(body)));
    }
}

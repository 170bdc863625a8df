using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Tests;

public class RestRouteTests
{
    [Theory]
    [InlineData("POST", "/channels/5/messages", "POST /channels/5/messages")]
    [InlineData("PATCH", "/channels/5/messages/99", "PATCH /channels/5/messages/{id}")]
    [InlineData("PUT", "/applications/77/guilds/8/commands", "PUT /applications/{id}/guilds/8/commands")]
    [InlineData("PATCH", "/webhooks/77/tok/messages/@original", "PATCH /webhooks/77/tok/messages/@original")]
    [InlineData("PATCH", "/webhooks/77/tok/messages/123", "PATCH /webhooks/77/tok/messages/{id}")]
    public void Route_keys_keep_top_level_ids_and_collapse_the_rest(string method, string path, string expected) =>
        Assert.Equal(expected, RestRoute.Key(new HttpMethod(method), path));

    [Fact]
    public void Redaction_hides_interaction_and_webhook_tokens()
    {
        Assert.Equal("/interactions/11/{token}/callback", RestRoute.Redact("/interactions/11/secret/callback"));
        Assert.Equal("/webhooks/77/{token}/messages/@original", RestRoute.Redact("/webhooks/77/secret/messages/@original"));
        Assert.Equal("/channels/5/messages", RestRoute.Redact("/channels/5/messages"));
    }

    [Theory]
    [InlineData("/interactions/1/t/callback", true)]
    [InlineData("/webhooks/1/t", true)]
    [InlineData("/channels/1/messages", false)]
    [InlineData("/applications/1/commands", false)]
    public void Only_interaction_and_webhook_routes_skip_bot_auth_and_the_global_limit(string path, bool expected) =>
        Assert.Equal(expected, RestRoute.IsInteractionOrWebhook(path));
}

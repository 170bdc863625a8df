using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Tests;

public class RestRouteTests
{
    [Theory]
    [InlineData("POST", "/channels/5/messages", "POST /channels/{id}/messages", "channels/5")]
    [InlineData("PATCH", "/channels/5/messages/99", "PATCH /channels/{id}/messages/{id}", "channels/5")]
    [InlineData("PUT", "/applications/77/guilds/8/commands", "PUT /applications/{id}/guilds/{id}/commands", "")]
    [InlineData("PATCH", "/webhooks/77/tok/messages/@original", "PATCH /webhooks/{id}/{token}/messages/@original", "webhooks/77/tok")]
    [InlineData("PATCH", "/webhooks/77/tok/messages/123", "PATCH /webhooks/{id}/{token}/messages/{id}", "webhooks/77/tok")]
    [InlineData("POST", "/interactions/11/tok/callback", "POST /interactions/{id}/{token}/callback", "interactions/11/tok")]
    public void Templates_hide_every_id_and_the_major_parameter_keeps_the_resource_and_its_token(string method, string path, string template, string major)
    {
        var route = RestRoute.For(new HttpMethod(method), path);

        Assert.Equal(template, route.Template);
        Assert.Equal(major, route.Major);
    }

    [Fact]
    public void Two_interaction_tokens_on_one_webhook_are_two_majors_of_one_template()
    {
        var first = RestRoute.For(HttpMethod.Patch, "/webhooks/77/token-a/messages/@original");
        var second = RestRoute.For(HttpMethod.Patch, "/webhooks/77/token-b/messages/@original");

        Assert.Equal(first.Template, second.Template);
        Assert.NotEqual(first.Major, second.Major);
        Assert.DoesNotContain("token-a", first.Template, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_hides_interaction_and_webhook_tokens()
    {
        Assert.Equal("/interactions/11/{token}/callback", RestRoute.Redact("/interactions/11/secret/callback"));
        Assert.Equal("/webhooks/77/{token}/messages/@original", RestRoute.Redact("/webhooks/77/secret/messages/@original"));
        Assert.Equal("/channels/5/messages", RestRoute.Redact("/channels/5/messages"));
    }

    [Theory]
    [InlineData("/interactions/1/t/callback", true, true)]
    [InlineData("/webhooks/1/t", true, false)]
    [InlineData("/channels/1/messages", false, false)]
    [InlineData("/applications/1/commands", false, false)]
    public void Only_interaction_and_webhook_routes_skip_bot_auth_and_the_global_limit(string path, bool webhook, bool callback)
    {
        var route = RestRoute.For(HttpMethod.Post, path);

        Assert.Equal(webhook, route.IsInteractionOrWebhook);
        Assert.Equal(callback, route.IsInteractionCallback);
    }
}

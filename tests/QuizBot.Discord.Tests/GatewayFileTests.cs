using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public sealed class GatewayFileTests
{
    [Fact]
    public async Task On_the_gateway_a_reply_with_a_file_is_one_multipart_callback()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.ConnectReadyAsync();

        await connection.SendInteractionAsync(GatewayHarness.Interaction("601", "itok-601", GatewayHarness.PictureCommand));

        var callback = await harness.CallbackAsync("601", "itok-601");
        var upload = RecordedUpload.From(callback);
        Assert.Equal(4, upload.Payload["type"]!.GetValue<int>());
        Assert.Equal("picture 601", upload.Payload["data"]!["content"]!.GetValue<string>());
        var file = Assert.Single(upload.Files);
        Assert.Equal(GatewayHarness.Picture.FileName, file.FileName);
        Assert.Equal(GatewayHarness.Picture.Content.ToArray(), file.Content);
        Assert.Null(callback.Header("Authorization"));
        Assert.DoesNotContain(harness.Rest.Requests, r => r.Method == "PATCH");
    }
}

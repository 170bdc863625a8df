using System.Net;
using System.Text.Json.Nodes;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public sealed partial class InteractionEndpointTests
{
    [Fact]
    public async Task A_reply_with_a_file_is_deferred_over_http_and_the_file_goes_with_the_multipart_edit()
    {
        var card = FileUpload.Png("stats.png", Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        _handler.Answer = InteractionResponse.Message(new MessagePayload
        {
            Embeds = [new Embed { Title = "Stats", Image = new EmbedMedia { Url = card.AttachmentUrl } }],
        }.WithFiles(card));

        using var response = await _http.SendAsync(_signer.CreateRequest(_endpoint, CommandJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(5, reply["type"]!.GetValue<int>());
        var patch = await _rest.WaitForRequestAsync("PATCH", "/webhooks/77/tok-1/messages/@original");
        var upload = RecordedUpload.From(patch);
        Assert.Equal("attachment://stats.png", upload.Payload["embeds"]![0]!["image"]!["url"]!.GetValue<string>());
        Assert.Equal(card.Content.ToArray(), Assert.Single(upload.Files).Content);
        Assert.Null(patch.Header("Authorization"));
    }
}

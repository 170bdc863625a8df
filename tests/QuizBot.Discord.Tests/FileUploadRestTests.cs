using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>The multipart calls against the fake REST server: the body Discord's "Uploading Files" describes.</summary>
public sealed class FileUploadRestTests : IAsyncLifetime
{
    private static readonly FileUpload Card = FileUpload.Png("stats.png", Enumerable.Range(0, 600).Select(i => (byte)i).ToArray(), "Progress card");

    private readonly HttpClient _http = new();
    private FakeDiscordRestServer _server = null!;
    private DiscordRestClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeDiscordRestServer.StartAsync();
        var options = Options.Create(new DiscordOptions
        {
            Token = "bot-token-not-for-webhooks",
            ApplicationId = 77,
            ApiBaseUrl = _server.BaseUrl,
            ServerErrorBackoff = TimeSpan.Zero,
        });
        _client = new DiscordRestClient(_http, new RestRateLimiter(TimeProvider.System), new DiscordApplication(77), options, TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Editing_the_original_with_a_file_sends_payload_json_then_files_0()
    {
        var message = new MessagePayload
        {
            Embeds = [new Embed { Title = "Stats", Image = new EmbedMedia { Url = Card.AttachmentUrl } }],
        }.WithFiles(Card);

        await _client.EditOriginalResponseWithFilesAsync("itoken", message);

        var request = Assert.Single(_server.Requests);
        Assert.True(request.Is("PATCH", "/webhooks/77/itoken/messages/@original"));
        Assert.Null(request.Header("Authorization"));
        var upload = RecordedUpload.From(request);
        Assert.Equal("attachment://stats.png", upload.Payload["embeds"]![0]!["image"]!["url"]!.GetValue<string>());
        var attachment = Assert.Single(upload.Attachments)!;
        Assert.Equal("0", attachment["id"]!.ToString());
        Assert.Equal("Progress card", attachment["description"]!.GetValue<string>());
        var file = Assert.Single(upload.Files);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(Card.Content.ToArray(), file.Content);
        Assert.Equal("form-data; name=\"files[0]\"; filename=\"stats.png\"", file.Headers["Content-Disposition"]);
    }

    [Fact]
    public async Task A_callback_with_files_puts_the_whole_response_in_payload_json()
    {
        var second = FileUpload.Png("podium.png", new byte[] { 1, 2, 3 });
        var response = InteractionResponse.Message(MessagePayload.Text("hi").AsEphemeral().WithFiles(Card, second));

        await _client.CreateInteractionResponseWithFilesAsync(11, "itoken", response);

        var request = Assert.Single(_server.Requests);
        Assert.True(request.Is("POST", "/interactions/11/itoken/callback"));
        var upload = RecordedUpload.From(request);
        Assert.Equal(4, upload.Payload["type"]!.GetValue<int>());
        Assert.Equal(64, upload.Payload["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(["stats.png", "podium.png"], upload.Files.Select(f => f.FileName));
        Assert.Equal(new byte[] { 1, 2, 3 }, upload.Files[1].Content);
    }

    [Fact]
    public async Task A_follow_up_with_a_file_is_a_multipart_post_on_the_webhook()
    {
        var sent = await _client.CreateFollowupMessageWithFilesAsync("itoken", MessagePayload.Text("more").WithFiles(Card));

        var request = Assert.Single(_server.Requests);
        Assert.True(request.Is("POST", "/webhooks/77/itoken"));
        Assert.Equal("more", RecordedUpload.From(request).Payload["content"]!.GetValue<string>());
        Assert.Equal("more", sent.Content);
    }

    [Fact]
    public async Task A_retried_upload_resends_the_same_body()
    {
        _server.Enqueue("PATCH", "/webhooks/77/itoken/messages/@original", ScriptedResponse.ServerError());

        await _client.EditOriginalResponseWithFilesAsync("itoken", MessagePayload.Text("again").WithFiles(Card));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].RawBody, _server.Requests[1].RawBody);
        Assert.Equal(Card.Content.ToArray(), RecordedUpload.From(_server.Requests[1]).Files[0].Content);
    }

    [Fact]
    public async Task A_message_without_files_is_refused_before_anything_is_sent()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.EditOriginalResponseWithFilesAsync("itoken", MessagePayload.Text("no file")));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void More_than_ten_files_are_refused()
    {
        var files = Enumerable.Range(0, 11).Select(i => FileUpload.Png($"{i}.png", new byte[] { 1 })).ToArray();

        Assert.Throws<ArgumentException>(() => MessagePayload.Text("x").WithFiles(files));
    }
}

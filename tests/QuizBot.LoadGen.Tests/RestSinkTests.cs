using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace QuizBot.LoadGen.Tests;

/// <summary>
/// The REST sink reads a picture's edit of @original as it streams in (payload_json as text, the file only counted):
/// the deferral check must still tell an edit with its file from one without, and a plain JSON edit from both.
/// </summary>
public sealed class RestSinkTests
{
    private const string Message = """{"content":"your stats","embeds":[{"title":"Stats"}]}""";

    [Fact]
    public async Task A_multipart_edit_with_a_large_file_delivers_the_message_with_its_file()
    {
        var replies = new DeferredReplies();
        await using var sink = await RestSink.StartAsync(replies);
        replies.Expect("tok-file", withFile: true);

        using var content = new MultipartFormDataContent("----boundary42");
        content.Add(new StringContent(Message, Encoding.UTF8, "application/json"), "payload_json");
        content.Add(new ByteArrayContent(new byte[300_000]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "files[0]", "stats.png");
        var status = await PatchAsync(sink, "tok-file", content);

        Assert.Equal(HttpStatusCode.OK, status);
        var delivered = await replies.DeliveryAsync("tok-file", TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.Equal("your stats", delivered?.Content);
        var check = replies.Check();
        Assert.True(check.Passed, string.Join('\n', check.Lines));
    }

    [Fact]
    public async Task A_multipart_edit_without_a_file_for_a_picture_reply_fails_the_check()
    {
        var replies = new DeferredReplies();
        await using var sink = await RestSink.StartAsync(replies);
        replies.Expect("tok-nofile", withFile: true);

        using var content = new MultipartFormDataContent("----boundary43");
        content.Add(new StringContent(Message, Encoding.UTF8, "application/json"), "payload_json");
        content.Add(new StringContent("not a file"), "note");
        var status = await PatchAsync(sink, "tok-nofile", content);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("your stats", (await replies.DeliveryAsync("tok-nofile", TimeSpan.FromSeconds(30), TimeProvider.System))?.Content);
        var check = replies.Check();
        Assert.False(check.Passed);
        Assert.Contains(check.Lines, l => l.Contains("carried no file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_edit_delivers_without_a_file_and_an_unreadable_one_is_a_stray()
    {
        var replies = new DeferredReplies();
        await using var sink = await RestSink.StartAsync(replies);
        replies.Expect("tok-json", withFile: false);

        using var json = new StringContent(Message, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, await PatchAsync(sink, "tok-json", json));
        using var broken = new MultipartFormDataContent("----boundary44");
        broken.Add(new StringContent("{not json", Encoding.UTF8, "application/json"), "payload_json");
        Assert.Equal(HttpStatusCode.BadRequest, await PatchAsync(sink, "tok-broken", broken));

        var check = replies.Check();
        Assert.False(check.Passed);
        Assert.Contains(check.Lines, l => l.Contains("tok-broken with an unreadable message", StringComparison.Ordinal));
        Assert.Equal(0, replies.Pending);
    }

    private static async Task<HttpStatusCode> PatchAsync(RestSink sink, string token, HttpContent content)
    {
        using var http = new HttpClient();
        using var response = await http.PatchAsync(new Uri(sink.ApiBaseUrl + $"/webhooks/1/{token}/messages/@original"), content, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}

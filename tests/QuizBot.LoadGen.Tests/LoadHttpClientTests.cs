using System.Net;
using System.Net.Sockets;
using System.Text;
using QuizBot.Discord.Interactions;

namespace QuizBot.LoadGen.Tests;

public sealed class LoadHttpClientTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_765_000_000);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_post_arrives_whole_and_two_requests_share_one_keep_alive_connection(bool blocking)
    {
        await using var server = ScriptedServer.Start(_ => Reply("Content-Length: 10\r\n", """{"type":1}"""));
        using var signer = RequestSigner.Create();
        using var client = new LoadHttpClient(TimeSpan.FromSeconds(30), blocking);
        var body = Encoding.UTF8.GetBytes("""{"type":1,"id":"7"}""");

        var first = await client.PostAsync(server.Url, signer.SignedAt(body, Now));
        var second = await client.PostAsync(server.Url, signer.SignedAt(body, Now));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("""{"type":1}""", Encoding.UTF8.GetString(first.Body));
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(1, server.Connections);
        var request = server.Requests[0];
        Assert.StartsWith($"POST /interactions HTTP/1.1\r\nHost: 127.0.0.1:{server.Url.Port}\r\n", request.Head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json\r\n", request.Head, StringComparison.Ordinal);
        Assert.Equal(body, request.Body);
        var verifier = new InteractionRequestVerifier(signer.PublicKeyHex);
        Assert.True(verifier.Verify(request.Header("X-Signature-Ed25519"), request.Header("X-Signature-Timestamp"), request.Body));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chunked_reply_is_read_whole_and_its_status_kept(bool blocking)
    {
        await using var server = ScriptedServer.Start(_ => Encoding.ASCII.GetBytes(
            "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nbad s\r\n9\r\nignature.\r\n0\r\nX-Trailer: t\r\n\r\n"));
        using var signer = RequestSigner.Create();
        using var client = new LoadHttpClient(TimeSpan.FromSeconds(30), blocking);

        var (status, body) = await PostEmptyAsync(client, signer, server);
        var again = await PostEmptyAsync(client, signer, server);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("bad signature.", Encoding.ASCII.GetString(body));
        Assert.Equal(body, again.Body);
        Assert.Equal(1, server.Connections);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reply_saying_connection_close_is_followed_by_a_new_connection(bool blocking)
    {
        await using var server = ScriptedServer.Start(_ => Reply("Content-Length: 2\r\nConnection: close\r\n", "ok"), closeAfterReply: true);
        using var signer = RequestSigner.Create();
        using var client = new LoadHttpClient(TimeSpan.FromSeconds(30), blocking);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ok", Encoding.ASCII.GetString((await PostEmptyAsync(client, signer, server)).Body));
        }

        Assert.Equal(3, server.Connections);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_keep_alive_connection_the_server_closed_is_replaced_and_the_request_sent_once_on_the_new_one(bool blocking)
    {
        // The server says nothing of closing, then closes after each reply, as node does with an idle connection.
        await using var server = ScriptedServer.Start(_ => Reply("Content-Length: 2\r\n", "ok"), closeAfterReply: true);
        using var signer = RequestSigner.Create();
        using var client = new LoadHttpClient(TimeSpan.FromSeconds(30), blocking);

        var first = await PostEmptyAsync(client, signer, server);
        await server.ClosedOne.Task;
        var second = await PostEmptyAsync(client, signer, server);

        Assert.Equal("ok", Encoding.ASCII.GetString(first.Body));
        Assert.Equal("ok", Encoding.ASCII.GetString(second.Body));
        Assert.Equal(2, server.Connections);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_server_is_an_http_request_exception(bool blocking)
    {
        var port = BotProcess.UnusedLoopbackPort();
        using var signer = RequestSigner.Create();
        using var client = new LoadHttpClient(TimeSpan.FromSeconds(30), blocking);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri($"http://127.0.0.1:{port}/interactions"), signer.SignedAt("{}"u8.ToArray(), Now)));
    }

    [Fact]
    public async Task A_blocking_client_has_the_whole_reply_before_post_returns()
    {
        await using var server = ScriptedServer.Start(_ => Reply("Content-Length: 10\r\n", """{"type":1}"""));
        using var signer = RequestSigner.Create();
        using var client = new LoadHttpClient(TimeSpan.FromSeconds(30), blocking: true);

        // Completed on return: a closed loop on threads of its own then never hands a request to the thread pool.
        var first = client.PostAsync(server.Url, signer.SignedAt("{}"u8.ToArray(), Now));
        Assert.True(first.IsCompletedSuccessfully);
        var second = client.PostAsync(server.Url, signer.SignedAt("{}"u8.ToArray(), Now));
        Assert.True(second.IsCompletedSuccessfully);

        Assert.Equal("""{"type":1}""", Encoding.UTF8.GetString((await second).Body));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task A_blocking_request_with_no_reply_fails_at_its_timeout_and_is_not_sent_again()
    {
        // The first request on the connection is answered, the second never: the server read it, so it must not be resent.
        var replies = 0;
        await using var server = ScriptedServer.Start(_ => Interlocked.Increment(ref replies) == 1 ? Reply("Content-Length: 2\r\n", "ok") : []);
        using var signer = RequestSigner.Create();
        using var client = new LoadHttpClient(TimeSpan.FromMilliseconds(300), blocking: true);

        await PostEmptyAsync(client, signer, server);
        await Assert.ThrowsAsync<HttpRequestException>(() => PostEmptyAsync(client, signer, server));

        Assert.Equal(1, server.Connections);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 12", 200, 12, false, false)]
    [InlineData("HTTP/1.1 204 No Content\r\ncontent-length:0\r\nconnection: Close", 204, 0, false, true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked", 200, null, true, false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 3", 200, 3, false, true)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 3", 200, 3, false, false)]
    public void A_reply_head_gives_the_status_the_length_and_whether_the_connection_stays(string head, int status, int? length, bool chunked, bool close)
    {
        var parsed = HttpReplyHead.Parse(Encoding.ASCII.GetBytes(head));

        Assert.Equal(((HttpStatusCode)status, length, chunked, close), parsed);
    }

    [Fact]
    public void A_head_that_is_not_http_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => HttpReplyHead.Parse("SSH-2.0-OpenSSH"u8));
    }

    private static Task<(HttpStatusCode Status, byte[] Body)> PostEmptyAsync(LoadHttpClient client, RequestSigner signer, ScriptedServer server) =>
        client.PostAsync(server.Url, signer.SignedAt("{}"u8.ToArray(), Now));

    private static byte[] Reply(string headers, string body) => Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\n{headers}\r\n{body}");

    /// <summary>A request as the server read it.</summary>
    private sealed record Received(string Head, byte[] Body)
    {
        public string Header(string name) =>
            Head.Split("\r\n").Select(l => l.Split(": ", 2)).Single(p => p[0].Equals(name, StringComparison.OrdinalIgnoreCase))[1];
    }

    /// <summary>A loopback HTTP/1.1 server that answers every request with scripted bytes, so the client's side of each case is exact.</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly Func<Received, byte[]> reply;
        private readonly bool closeAfterReply;
        private readonly CancellationTokenSource stop = new();
        private readonly List<Task> connections = [];
        private readonly Task accepting;

        private ScriptedServer(Func<Received, byte[]> reply, bool closeAfterReply)
        {
            this.reply = reply;
            this.closeAfterReply = closeAfterReply;
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/interactions");
            accepting = AcceptAsync();
        }

        public Uri Url { get; }

        public List<Received> Requests { get; } = [];

        public int Connections { get; private set; }

        /// <summary>Set once the server has closed a connection after its reply.</summary>
        public TaskCompletionSource ClosedOne { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static ScriptedServer Start(Func<Received, byte[]> reply, bool closeAfterReply = false) => new(reply, closeAfterReply);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            await Task.WhenAll([accepting.ContinueWith(_ => { }, TaskScheduler.Default), .. connections.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default))]);
            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stop.Token);
                lock (Requests)
                {
                    Connections++;
                    connections.Add(ServeAsync(socket));
                }
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using (socket)
            {
                var buffer = new List<byte>();
                var chunk = new byte[4096];
                while (!stop.IsCancellationRequested)
                {
                    int headEnd;
                    while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
                    {
                        var read = await socket.ReceiveAsync(chunk, SocketFlags.None, stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read).ToArray());
                    }

                    var head = Encoding.ASCII.GetString([.. buffer.Take(headEnd)]);
                    var length = int.Parse(new Received(head, []).Header("Content-Length"), System.Globalization.CultureInfo.InvariantCulture);
                    while (buffer.Count < headEnd + 4 + length)
                    {
                        var read = await socket.ReceiveAsync(chunk, SocketFlags.None, stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read).ToArray());
                    }

                    var received = new Received(head, [.. buffer.Skip(headEnd + 4).Take(length)]);
                    buffer.RemoveRange(0, headEnd + 4 + length);
                    lock (Requests)
                    {
                        Requests.Add(received);
                    }

                    await socket.SendAsync(reply(received), SocketFlags.None, stop.Token);
                    if (closeAfterReply)
                    {
                        socket.Shutdown(SocketShutdown.Both);
                        ClosedOne.TrySetResult();
                        return;
                    }
                }
            }
        }

        private static int IndexOf(List<byte> buffer, byte[] pattern) =>
            Enumerable.Range(0, Math.Max(0, buffer.Count - pattern.Length + 1)).FirstOrDefault(i => buffer.Skip(i).Take(pattern.Length).SequenceEqual(pattern), -1);
    }
}

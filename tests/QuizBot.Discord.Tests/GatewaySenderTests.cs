using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Gateway;

namespace QuizBot.Discord.Tests;

public class GatewaySenderTests
{
    [Fact]
    public async Task A_payload_over_4096_bytes_is_refused_before_sending()
    {
        using var socket = new RecordingWebSocket();
        using var sender = new GatewaySender(socket, new FakeTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(new byte[4097], CancellationToken.None));
        await sender.SendAsync(new byte[4096], CancellationToken.None);

        Assert.Equal(1, socket.Sends);
    }

    [Fact]
    public async Task The_121st_send_within_a_minute_waits_for_the_window_to_move()
    {
        var time = new FakeTimeProvider();
        using var socket = new RecordingWebSocket();
        using var sender = new GatewaySender(socket, time);
        for (var i = 0; i < 120; i++)
        {
            await sender.SendAsync([1], CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var extra = sender.SendAsync([2], CancellationToken.None);
        Assert.False(extra.IsCompleted);
        Assert.Equal(120, socket.Sends);

        time.Advance(TimeSpan.FromSeconds(48));
        await extra.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(121, socket.Sends);
    }

    /// <summary>An open socket that counts sends; enough for the sender, which only sends.</summary>
    private sealed class RecordingWebSocket : WebSocket
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);
        public override WebSocketCloseStatus? CloseStatus => null;
        public override string? CloseStatusDescription => null;
        public override WebSocketState State => WebSocketState.Open;
        public override string? SubProtocol => null;

        public override void Abort()
        {
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Dispose()
        {
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The sender never receives.");

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            return Task.CompletedTask;
        }
    }
}

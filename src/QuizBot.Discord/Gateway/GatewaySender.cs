using System.Net.WebSockets;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// Sends on one gateway connection: one frame at a time, at most 4096 bytes each, and at most
/// 120 frames per 60 seconds (Discord disconnects clients that send more).
/// </summary>
internal sealed class GatewaySender : IDisposable
{
    public const int MaxPayloadBytes = 4096;
    public const int MaxSendsPerWindow = 120;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly WebSocket _socket;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _recent = new();

    public GatewaySender(WebSocket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
    }

    public async Task SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            throw new InvalidOperationException($"A gateway payload may be at most {MaxPayloadBytes} bytes; this one has {payload.Length}.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await WaitForSendSlotAsync(cancellationToken);
            await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a close frame without waiting for the answer.</summary>
    public async Task CloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task WaitForSendSlotAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        while (_recent.Count > 0 && now - _recent.Peek() >= Window)
        {
            _recent.Dequeue();
        }

        if (_recent.Count >= MaxSendsPerWindow)
        {
            await Task.Delay(_recent.Peek() + Window - now, _time, cancellationToken);
            _recent.Dequeue();
        }

        _recent.Enqueue(_time.GetUtcNow());
    }
}

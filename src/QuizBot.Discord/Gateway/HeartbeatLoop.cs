using System.Net.WebSockets;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// The heartbeat of one connection: the first beat after interval × random(0..1), then one per interval with the
/// last sequence. A beat whose predecessor was never acknowledged marks the connection a zombie: it is closed with a
/// non-1000 code (keeping the session resumable) and dropped after a short grace.
/// </summary>
internal sealed class HeartbeatLoop
{
    public const int ZombieCloseCode = 4000;
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    private int _awaitingAck;
    private int _zombie;

    public bool IsZombie => Volatile.Read(ref _zombie) == 1;

    public void Acknowledged() => Volatile.Write(ref _awaitingAck, 0);

    public async Task RunAsync(GatewaySender sender, TimeSpan interval, GatewaySession session, TimeProvider time, Action onZombie, CancellationTokenSource connection)
    {
        var cancellationToken = connection.Token;
        try
        {
            // The first beat is jittered so many clients reconnecting at once do not beat in step.
            await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Interlocked.Exchange(ref _awaitingAck, 1) == 1)
                {
                    Volatile.Write(ref _zombie, 1);
                    onZombie();
                    await sender.CloseAsync(ZombieCloseCode, "no heartbeat ack", cancellationToken);

                    // Give the server a moment to answer the close, then drop the socket.
                    connection.CancelAfter(CloseGrace);
                    return;
                }

                await sender.SendAsync(GatewayPayloads.HeartbeatFrame(session.Sequence), cancellationToken);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection ended; the receive loop decides what happens next.
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;

namespace QuizBot.ScaleOut.Tests;

/// <summary>What came back for one interaction: the reply (HTTP 200 with JSON), or why there was none.</summary>
internal sealed record Delivery(InteractionResponse? Reply, string? Failure)
{
    public bool Delivered => Reply is not null;
}

/// <summary>
/// Plays Discord and the load balancer in front of the instances: signs each interaction like Discord and sends it to
/// a random instance. A refused connection (that instance is down, nothing was sent) goes to another instance, as a
/// balancer's health check would arrange, and while every instance refuses, the request waits for one to be ready
/// again (a restart); a connection lost mid-request is a failure the member sees.
/// </summary>
internal sealed class Balancer(InteractionSigner signer, IReadOnlyList<BotProcess> instances) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private int failures;

    /// <summary>Requests that reached an instance and got no usable reply (lost with a killed instance, or not 200).</summary>
    public int Failures => Volatile.Read(ref failures);

    public async Task<Delivery> SendAsync(Interaction interaction)
    {
        var json = JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
        var first = Random.Shared.Next(instances.Count);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var instance = instances[(first + attempt) % instances.Count];
            using var request = signer.CreateRequest(instance.InteractionsUrl, json);
            try
            {
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return Fail($"{instance.Name}: HTTP {(int)response.StatusCode} {body}");
                }

                return new Delivery(JsonSerializer.Deserialize(body, DiscordJsonContext.Default.InteractionResponse), null);
            }
            catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                // Down: nothing reached it, so the balancer tries the next instance; when all refused, it holds the
                // request until one of them is ready again.
                var left = BotProcess.Patience - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return Fail($"{instance.Name}: every instance refused connections for {BotProcess.Patience.TotalSeconds:0} s");
                }

                if ((attempt + 1) % instances.Count == 0)
                {
                    Task anyReady = Task.WhenAny(instances.Select(i => i.Ready));
                    await anyReady.WaitAsync(left).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                return Fail($"{instance.Name}: {exception.GetType().Name} {exception.Message}");
            }
        }
    }

    public void Dispose() => http.Dispose();

    private Delivery Fail(string why)
    {
        Interlocked.Increment(ref failures);
        return new Delivery(null, why);
    }
}

using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Gateway;

/// <summary>
/// Interactions from every shard of the gateway wait here and are handled by a fixed number of workers, so a burst cannot start
/// unbounded work. When the queue is full the OLDEST waiting interaction is answered "busy, try again" (it is the
/// closest to Discord's 3 s limit) and the new one takes its place; none is dropped silently. Each waiting or
/// running interaction is counted by the dispatcher, so shutdown waits for the queue too.
/// </summary>
internal sealed partial class GatewayInteractionQueue : IAsyncDisposable
{
    private readonly InteractionDispatcher _dispatcher;
    private readonly IDiscordRestClient _rest;
    private readonly ILogger _logger;
    private readonly Channel<Waiting> _channel;
    private readonly int _concurrency;
    private Task[] _workers = [];

    public GatewayInteractionQueue(InteractionDispatcher dispatcher, IDiscordRestClient rest, int capacity, int concurrency, ILogger logger)
    {
        _dispatcher = dispatcher;
        _rest = rest;
        _logger = logger;
        _concurrency = Math.Max(1, concurrency);
        _channel = System.Threading.Channels.Channel.CreateBounded<Waiting>(
            new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = false },
            dropped => _ = AnswerBusyAsync(dropped));
    }

    public void Start()
    {
        if (_workers.Length == 0)
        {
            _workers = [.. Enumerable.Range(0, _concurrency).Select(_ => Task.Run(WorkAsync))];
        }
    }

    public void Enqueue(Interaction interaction)
    {
        var work = _dispatcher.BeginWork();
        if (!_channel.Writer.TryWrite(new Waiting(interaction, work)))
        {
            // Only after disposal: nothing will run it any more.
            work.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task WorkAsync()
    {
        await foreach (var waiting in _channel.Reader.ReadAllAsync())
        {
            using (waiting.Work)
            {
                try
                {
                    var interaction = waiting.Interaction;
                    await _dispatcher.DispatchAsync(
                        interaction,
                        (response, token) => response.Data is { HasFiles: true }
                            ? _rest.CreateInteractionResponseWithFilesAsync(interaction.Id, interaction.Token, response, token)
                            : _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, token),
                        initialCarriesFiles: true,
                        CancellationToken.None);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    LogAnswerFailed(_logger, exception, waiting.Interaction.Id);
                }
            }
        }
    }

    private async Task AnswerBusyAsync(Waiting dropped)
    {
        using (dropped.Work)
        {
            var interaction = dropped.Interaction;
            LogBusy(_logger, interaction.Id);
            try
            {
                await _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, DispatcherReplies.BusyResponse(interaction), CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogAnswerFailed(_logger, exception, interaction.Id);
            }
        }
    }

    private sealed record Waiting(Interaction Interaction, IDisposable Work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction queue full: interaction {InteractionId} answered 'busy, try again'")]
    private static partial void LogBusy(ILogger logger, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering interaction {InteractionId} from the gateway failed")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, ulong interactionId);
}

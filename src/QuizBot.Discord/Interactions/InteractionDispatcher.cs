using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// Runs the application's handler under Discord's 3-second rule: a handler that answers within
/// <see cref="DiscordOptions.DeferAfter"/> gets its answer sent as the initial response; a slower one gets a
/// deferral sent at once, and its eventual answer is delivered through the interaction webhook.
/// </summary>
public sealed partial class InteractionDispatcher : IDisposable
{
    private static readonly MessagePayload FailureMessage =
        MessagePayload.Text("Sorry, something went wrong while handling that.").AsEphemeral();

    private readonly IInteractionHandler _handler;
    private readonly IDiscordRestClient _rest;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InteractionDispatcher> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public InteractionDispatcher(
        IInteractionHandler handler,
        IDiscordRestClient rest,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<InteractionDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _handler = handler;
        _rest = rest;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Sends the initial response through <paramref name="sendInitial"/> (the HTTP reply, or the REST callback)
    /// and returns once it is sent; a late answer continues in the background.
    /// </summary>
    public async Task DispatchAsync(Interaction interaction, Func<InteractionResponse, CancellationToken, Task> sendInitial, bool initialCarriesFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(sendInitial);

        var handling = RunHandlerAsync(interaction);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(_options.DeferAfter, _time, budget.Token);
        var first = await Task.WhenAny(handling, deadline);
        await budget.CancelAsync();

        if (first == handling)
        {
            var answer = await handling ?? InteractionResponse.Message(FailureMessage);
            if (!initialCarriesFiles && DeferralForFiles(answer) is { } fileDeferral)
            {
                // An HTTP reply is JSON only: defer, then deliver the message and its files as an edit.
                await sendInitial(fileDeferral, cancellationToken);
                _ = DeliverLateAsync(interaction, fileDeferral, handling);
                return;
            }

            await sendInitial(answer, cancellationToken);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var deferral = DeferralFor(interaction);
        LogDeferred(_logger, interaction.Id, deferral.Type);
        await sendInitial(deferral, cancellationToken);
        _ = DeliverLateAsync(interaction, deferral, handling);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private InteractionResponse DeferralFor(Interaction interaction) =>
        interaction.Type switch
        {
            InteractionType.MessageComponent => InteractionResponse.DeferredUpdate(),

            // Autocomplete cannot be deferred; an empty list at least answers in time.
            InteractionType.ApplicationCommandAutocomplete => InteractionResponse.Autocomplete([]),
            _ => InteractionResponse.DeferredMessage(_handler.DeferEphemerally(interaction)),
        };

    private async Task<InteractionResponse?> RunHandlerAsync(Interaction interaction)
    {
        try
        {
            // Yield first so a handler that blocks synchronously still lets the deferral deadline run.
            await Task.Yield();
            return await _handler.HandleAsync(interaction, _stopping.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogHandlerFailed(_logger, exception, interaction.Id, interaction.Type);
            return null;
        }
    }

    private async Task DeliverLateAsync(Interaction interaction, InteractionResponse deferral, Task<InteractionResponse?> handling)
    {
        try
        {
            var response = await handling;
            if (deferral.Type == InteractionCallbackType.ApplicationCommandAutocompleteResult)
            {
                return;
            }

            if (response is null)
            {
                await (deferral.Type == InteractionCallbackType.DeferredUpdateMessage
                    ? _rest.CreateFollowupMessageAsync(interaction.Token, FailureMessage, _stopping.Token)
                    : _rest.EditOriginalResponseAsync(interaction.Token, FailureMessage, _stopping.Token));
                return;
            }

            switch (response.Type)
            {
                // After a deferred update, @original is the component's message: a new message must be a follow-up.
                case InteractionCallbackType.ChannelMessageWithSource when deferral.Type == InteractionCallbackType.DeferredUpdateMessage:
                    await CreateFollowupAsync(interaction.Token, response.Data ?? new MessagePayload(), _stopping.Token);
                    break;
                case InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage:
                    await EditOriginalAsync(interaction.Token, response.Data ?? new MessagePayload(), _stopping.Token);
                    break;
                case InteractionCallbackType.DeferredChannelMessageWithSource or InteractionCallbackType.DeferredUpdateMessage:
                    break;
                default:
                    LogUndeliverable(_logger, interaction.Id, response.Type);
                    break;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLateDeliveryFailed(_logger, exception, interaction.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} deferred with callback {CallbackType}: the handler is still working")]
    private static partial void LogDeferred(ILogger logger, ulong interactionId, InteractionCallbackType callbackType);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler failed on interaction {InteractionId} of type {InteractionType}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, ulong interactionId, InteractionType interactionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} was deferred, so a late {CallbackType} answer cannot be delivered")]
    private static partial void LogUndeliverable(ILogger logger, ulong interactionId, InteractionCallbackType callbackType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering the late answer to interaction {InteractionId} failed")]
    private static partial void LogLateDeliveryFailed(ILogger logger, Exception exception, ulong interactionId);
}

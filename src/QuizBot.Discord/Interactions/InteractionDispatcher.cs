using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// Runs the application's handler under Discord's 3-second rule, for both transports. A handler that answers
/// within <see cref="DiscordOptions.DeferAfter"/> gets its answer sent as the initial response. A slower one gets a
/// deferral at once and its answer delivered later through the interaction webhook, following
/// <see cref="DeferralPlan"/>; so does one the handler asks to defer at once (<see cref="IInteractionHandler.DefersAtOnce"/>).
/// An answer may carry a later version of itself (<see cref="InteractionResponse.LaterEdit"/>, e.g. a picture drawn in the
/// background): once the answer is out, @original is edited into it, and that edit is in flight too.
/// Every interaction id runs once (<see cref="IInteractionDeduplicator"/>), and the
/// work in flight is counted so shutdown can let it finish (<see cref="WhenIdleAsync"/>) before aborting.
/// </summary>
public sealed partial class InteractionDispatcher : IDisposable
{
    private readonly IInteractionHandler _handler;
    private readonly IDiscordRestClient _rest;
    private readonly IInteractionDeduplicator _deduplicator;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InteractionDispatcher> _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _sync = new();
    private int _inFlight;
    private TaskCompletionSource? _idle;

    public InteractionDispatcher(
        IInteractionHandler handler,
        IDiscordRestClient rest,
        IInteractionDeduplicator deduplicator,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<InteractionDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _handler = handler;
        _rest = rest;
        _deduplicator = deduplicator;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Interactions whose handler or late delivery has not finished yet.</summary>
    public int InFlight
    {
        get
        {
            lock (_sync)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>
    /// Sends the initial response through <paramref name="sendInitial"/> (the HTTP reply, or the REST callback)
    /// and returns once it is sent; a late answer continues in the background, still counted in <see cref="InFlight"/>.
    /// <paramref name="cancellationToken"/> cancels only the initial response (e.g. the HTTP request was aborted):
    /// the handler and the late delivery stop only when the dispatcher is aborted.
    /// <paramref name="initialCarriesFiles"/> says whether <paramref name="sendInitial"/> can upload files (the REST
    /// callback, sent as multipart); when it cannot (the HTTP reply is JSON only), a quick answer with files is
    /// deferred and delivered as a multipart edit of @original.
    /// </summary>
    public async Task DispatchAsync(Interaction interaction, Func<InteractionResponse, CancellationToken, Task> sendInitial, bool initialCarriesFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(sendInitial);
        if (!await IsFirstDeliveryAsync(interaction.Id, cancellationToken))
        {
            LogDuplicate(_logger, interaction.Id);
            await sendInitial(DispatcherReplies.AlreadyHandled(interaction), cancellationToken);
            return;
        }

        Enter();
        var handedOff = false;
        try
        {
            using var initial = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
            var deferAtOnce = _handler.DefersAtOnce(interaction);
            var handling = RunHandlerAsync(interaction);
            if (!deferAtOnce && _options.DeferAfter > TimeSpan.Zero && await AnsweredInTimeAsync(handling, initial.Token))
            {
                var answer = await handling ?? InteractionResponse.Message(DispatcherReplies.Failure);
                if (!initialCarriesFiles && DeferralPlan.ForFiles(answer) is { } filePlan)
                {
                    // An HTTP reply is JSON only: defer, then deliver the message and its files as an edit.
                    LogDeferred(_logger, interaction.Id, filePlan.Deferral.Type);
                    await sendInitial(filePlan.Deferral, initial.Token);
                    handedOff = true;
                    _ = DeliverLateAsync(interaction, filePlan, handling);
                    return;
                }

                await sendInitial(answer, initial.Token);
                if (answer.LaterEdit is { } later)
                {
                    handedOff = true;
                    _ = EditLaterAsync(interaction, later);
                }

                return;
            }

            initial.Token.ThrowIfCancellationRequested();
            var plan = DeferralPlan.For(interaction, _handler.DeferEphemerally(interaction));
            LogDeferred(_logger, interaction.Id, plan.Deferral.Type);
            await sendInitial(plan.Deferral, initial.Token);
            handedOff = true;
            _ = DeliverLateAsync(interaction, plan, handling);
        }
        finally
        {
            if (!handedOff)
            {
                Exit();
            }
        }
    }

    /// <summary>
    /// Asks the replay guard. When it cannot answer (its database is unreachable) the interaction runs anyway: a member
    /// should get an answer, and every state change behind it is a compare-and-set that a repeat cannot apply twice.
    /// </summary>
    private async ValueTask<bool> IsFirstDeliveryAsync(ulong interactionId, CancellationToken cancellationToken)
    {
        try
        {
            return await _deduplicator.TryBeginAsync(interactionId, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            LogDeduplicationFailed(_logger, exception, interactionId);
            return true;
        }
    }

    /// <summary>
    /// Counts work that will reach <see cref="DispatchAsync"/> later (an interaction waiting in a queue), so draining
    /// waits for it too. Dispose the returned ticket when that work is over.
    /// </summary>
    public IDisposable BeginWork()
    {
        Enter();
        return new WorkTicket(this);
    }

    /// <summary>
    /// Whether the handler finished within <see cref="DiscordOptions.DeferAfter"/>. A zero budget means "always
    /// defer" (a forced deferral, used to test the slow path), so the race is not run at all.
    /// </summary>
    private async Task<bool> AnsweredInTimeAsync(Task<InteractionResponse?> handling, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(_options.DeferAfter, _time, budget.Token);
        var first = await Task.WhenAny(handling, deadline);
        await budget.CancelAsync();
        return first == handling;
    }

    /// <summary>Completes when nothing is in flight (at once if nothing is).</summary>
    public Task WhenIdleAsync()
    {
        lock (_sync)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    /// <summary>
    /// Lets the work in flight finish for at most <paramref name="timeout"/>, then aborts what is left.
    /// True when everything finished in time.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var inFlight = InFlight;
        if (inFlight > 0)
        {
            LogDraining(_logger, inFlight, timeout.TotalSeconds);
        }

        try
        {
            await WhenIdleAsync().WaitAsync(timeout, _time, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            LogDrainGaveUp(_logger, InFlight);
            await _abort.CancelAsync();
            return false;
        }
    }

    public void Dispose()
    {
        _abort.Cancel();
        _abort.Dispose();
    }

    private void Enter()
    {
        lock (_sync)
        {
            _inFlight++;
        }
    }

    private void Exit()
    {
        lock (_sync)
        {
            if (--_inFlight == 0 && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }
        }
    }

    private async Task<InteractionResponse?> RunHandlerAsync(Interaction interaction)
    {
        try
        {
            // Yield first so a handler that blocks synchronously still lets the deferral deadline run.
            await Task.Yield();
            return await _handler.HandleAsync(interaction, _abort.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogHandlerFailed(_logger, exception, interaction.Id, interaction.Type);
            return null;
        }
    }

    private async Task DeliverLateAsync(Interaction interaction, DeferralPlan plan, Task<InteractionResponse?> handling)
    {
        try
        {
            var response = await handling;
            var steps = plan.Deliver(response);
            foreach (var step in steps)
            {
                await SendAsync(interaction.Token, step, _abort.Token);
            }

            // A later version edits @original only when @original is the message just delivered (not a follow-up).
            if (response?.LaterEdit is { } later && steps is [.., { Kind: LateDeliveryKind.EditOriginal }])
            {
                await EditWhenReadyAsync(interaction.Token, later);
            }

            if (plan.Undeliverable(response))
            {
                LogUndeliverable(_logger, interaction.Id, response!.Type);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLateDeliveryFailed(_logger, exception, interaction.Id);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Edits @original with the answer's later version once it is ready (the answer itself is already out).</summary>
    private async Task EditLaterAsync(Interaction interaction, Task<MessagePayload?> later)
    {
        try
        {
            await EditWhenReadyAsync(interaction.Token, later);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLaterEditFailed(_logger, exception, interaction.Id);
        }
        finally
        {
            Exit();
        }
    }

    private async Task EditWhenReadyAsync(string token, Task<MessagePayload?> later)
    {
        if (await later is { } message)
        {
            await EditOriginalAsync(token, DeferralPlan.ForEdit(message), _abort.Token);
        }
    }

    private Task SendAsync(string token, LateDelivery step, CancellationToken cancellationToken) =>
        step.Kind switch
        {
            LateDeliveryKind.EditOriginal => EditOriginalAsync(token, step.Message!, cancellationToken),
            LateDeliveryKind.FollowUp => CreateFollowupAsync(token, step.Message!, cancellationToken),
            _ => _rest.DeleteOriginalResponseAsync(token, cancellationToken),
        };

    private sealed class WorkTicket(InteractionDispatcher owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Exit();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} deferred with callback {CallbackType}: the handler is still working")]
    private static partial void LogDeferred(ILogger logger, ulong interactionId, InteractionCallbackType callbackType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} was already handled; answered without running it again")]
    private static partial void LogDuplicate(ILogger logger, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not check whether interaction {InteractionId} was already handled; handling it")]
    private static partial void LogDeduplicationFailed(ILogger logger, Exception exception, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler failed on interaction {InteractionId} of type {InteractionType}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, ulong interactionId, InteractionType interactionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} was deferred, so a late {CallbackType} answer cannot be delivered")]
    private static partial void LogUndeliverable(ILogger logger, ulong interactionId, InteractionCallbackType callbackType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering the late answer to interaction {InteractionId} failed")]
    private static partial void LogLateDeliveryFailed(ILogger logger, Exception exception, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Editing the answer to interaction {InteractionId} into its later version failed; the answer stays as sent")]
    private static partial void LogLaterEditFailed(ILogger logger, Exception exception, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting up to {Seconds} s for {InFlight} interaction(s) in flight to be answered")]
    private static partial void LogDraining(ILogger logger, int inFlight, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drain timeout: aborting {InFlight} interaction(s) still in flight")]
    private static partial void LogDrainGaveUp(ILogger logger, int inFlight);
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using QuizBot.Discord;
using QuizBot.Discord.Models;

namespace QuizBot.Interactions;

/// <summary>
/// The one gate every interaction passes, from either transport: it routes by command name, custom_id area or
/// modal id to a module, times the work, turns a failure into an ephemeral message with a reference that is also
/// logged, answers stale buttons kindly, and refuses new work once shutdown has begun.
/// </summary>
public sealed partial class InteractionPipeline : IInteractionHandler
{
    private readonly Dictionary<string, (IInteractionModule Module, ModuleCommand Command)> byCommand;
    private readonly Dictionary<string, IInteractionModule> byArea;
    private readonly InteractionGate gate;
    private readonly TimeProvider time;
    private readonly ILogger<InteractionPipeline> logger;

    /// <summary>Routes are read from each module's <see cref="ModuleRoutes"/>; a command or area claimed twice is a bug and throws here.</summary>
    public InteractionPipeline(IEnumerable<IInteractionModule> modules, InteractionGate gate, TimeProvider time, ILogger<InteractionPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(modules);
        byCommand = new Dictionary<string, (IInteractionModule, ModuleCommand)>(StringComparer.Ordinal);
        byArea = new Dictionary<string, IInteractionModule>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            foreach (var command in module.Routes.Commands)
            {
                byCommand.Add(command.Name, (module, command));
            }

            foreach (var area in module.Routes.Areas)
            {
                byArea.Add(area, module);
            }
        }

        this.gate = gate;
        this.time = time;
        this.logger = logger;
    }

    public async Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.Type == InteractionType.Ping)
        {
            return InteractionResponse.Pong();
        }

        if (!gate.TryEnter())
        {
            LogRefusedWhileStopping(RouteName(interaction));
            return interaction.Type == InteractionType.ApplicationCommandAutocomplete
                ? InteractionResponse.Autocomplete([])
                : Replies.Ephemeral(Replies.ShuttingDown);
        }

        var started = time.GetTimestamp();
        try
        {
            // Discord always names the invoker (member in a server, user in a DM); without one nothing can be owned or scored.
            if (interaction.Invoker is not { Id: not 0 })
            {
                LogNoInvoker(interaction.Type, RouteName(interaction));
                return interaction.Type == InteractionType.ApplicationCommandAutocomplete
                    ? InteractionResponse.Autocomplete([])
                    : Replies.Ephemeral(Replies.UnknownInvoker);
            }

            var response = await DispatchAsync(new InteractionContext(interaction, time.GetUtcNow()), cancellationToken);
            var elapsedMs = time.GetElapsedTime(started).TotalMilliseconds;
            InteractionMetrics.Duration.Record(elapsedMs);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                // The route name is parsed and built only when someone reads it.
                LogHandled(interaction.Type, RouteName(interaction), elapsedMs);
            }

            return response;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reference = RandomNumberGenerator.GetHexString(6);
            InteractionMetrics.Failures.Add(1);
            LogFailed(exception, interaction.Type, RouteName(interaction), reference, time.GetElapsedTime(started).TotalMilliseconds);
            return interaction.Type == InteractionType.ApplicationCommandAutocomplete
                ? InteractionResponse.Autocomplete([])
                : Replies.Failure(reference);
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>
    /// A command's deferral is public when its module declares that the command replies in the channel; everything
    /// else (buttons defer as an update of their own message, forms, unknown commands) is for the invoker alone.
    /// </summary>
    public bool DeferEphemerally(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Type != InteractionType.ApplicationCommand
            || !byCommand.TryGetValue(interaction.Data?.Name ?? "", out var route)
            || !route.Command.RepliesInChannel;
    }

    /// <summary>A command whose module declares that its reply waits on background work is deferred without waiting for it.</summary>
    public bool DefersAtOnce(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Type == InteractionType.ApplicationCommand
            && byCommand.TryGetValue(interaction.Data?.Name ?? "", out var route)
            && route.Command.DefersAtOnce;
    }

    private Task<InteractionResponse> DispatchAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var interaction = context.Interaction;
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand:
                return byCommand.TryGetValue(interaction.Data?.Name ?? "", out var command)
                    ? command.Module.OnCommandAsync(context, cancellationToken)
                    : Task.FromResult(Replies.Ephemeral(Replies.UnknownCommand));

            case InteractionType.ApplicationCommandAutocomplete:
                return byCommand.TryGetValue(interaction.Data?.Name ?? "", out var autocomplete)
                    ? autocomplete.Module.OnAutocompleteAsync(context, cancellationToken)
                    : Task.FromResult(InteractionResponse.Autocomplete([]));

            case InteractionType.MessageComponent:
            case InteractionType.ModalSubmit:
                return DispatchComponentAsync(context, cancellationToken);

            default:
                return Task.FromResult(Replies.Ephemeral(Replies.UnknownCommand));
        }
    }

    private async Task<InteractionResponse> DispatchComponentAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var raw = context.Interaction.Data?.CustomId;
        if (!CustomId.TryParse(raw, out var id) || !byArea.TryGetValue(id.Area, out var module))
        {
            LogStale(LogSafe.Cut(raw));
            return Replies.Ephemeral(Replies.Expired);
        }

        var response = context.Interaction.Type == InteractionType.ModalSubmit
            ? await module.OnModalAsync(context, id, cancellationToken)
            : await module.OnComponentAsync(context, id, cancellationToken);
        if (response is null)
        {
            LogStale(LogSafe.Cut(raw));
            return Replies.Ephemeral(module.Routes.StaleMessage);
        }

        return response;
    }

    /// <summary>What the logs call this interaction: the command path, or the custom_id's area and action.</summary>
    private static string RouteName(Interaction interaction) =>
        interaction.Type switch
        {
            InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete => "/" + interaction.CommandPath(),
            _ when CustomId.TryParse(interaction.Data?.CustomId, out var id) => $"{id.Area}:{LogSafe.Cut(id.Action, 16)}",
            _ => "unknown-component",
        };

    // Debug: at Information the console logger would format and queue a line on every interaction's path;
    // InteractionSummaryLog writes the Information-level summary once a minute.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {InteractionType} {Route} in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(InteractionType interactionType, string route, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{InteractionType} {Route} failed after {ElapsedMs:0.0} ms (ref {ErrorRef})")]
    private partial void LogFailed(Exception exception, InteractionType interactionType, string route, string errorRef, double elapsedMs);

    // The custom_id is the client's to choose: only its cut, cleaned form is logged (LogSafe).
    [LoggerMessage(Level = LogLevel.Information, Message = "Stale or unknown custom_id {CustomId}")]
    private partial void LogStale(string customId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {InteractionType} {Route}: no member and no user")]
    private partial void LogNoInvoker(InteractionType interactionType, string route);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Route}: shutting down")]
    private partial void LogRefusedWhileStopping(string route);
}

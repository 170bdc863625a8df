using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuizBot.Commands;
using QuizBot.Content;
using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using QuizBot.Hosting;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// /trivia start and /trivia stop, and the answer buttons of a live game: a thin adapter over
/// <see cref="TriviaService"/>. The game lives in the store, so any instance answers any press; the game's own
/// messages after the first are posted by whichever instance holds its lease (<see cref="TriviaScheduler"/>).
/// </summary>
public sealed class TriviaModule(
    TriviaService trivia,
    TriviaWakeUp wakeUp,
    TopicAutocomplete autocomplete,
    IOptions<TriviaOptions> options) : IInteractionModule<TriviaModule>
{
    /// <summary>The game is played in the channel, so /trivia's reply is public; button answers are private.</summary>
    public static ModuleRoutes Declared { get; } = new(
    [
        new(
            ApplicationCommand.Slash(
                Commands.CommandNames.Trivia,
                "A live trivia game in this channel: everyone races on the same questions.",
                ApplicationCommandOption.Subcommand(
                    Commands.CommandNames.TriviaStart,
                    "Start a game in this channel.",
                    CommandCatalog.TopicOption("Only questions on this topic."),
                    ApplicationCommandOption.Integer(
                        Commands.CommandNames.QuestionsOption,
                        $"How many questions ({TriviaRules.MinQuestions}-{TriviaRules.MaxQuestions}, default {TriviaRules.DefaultQuestions}).",
                        minValue: TriviaRules.MinQuestions,
                        maxValue: TriviaRules.MaxQuestions),
                    ApplicationCommandOption.Integer(
                        Commands.CommandNames.SecondsOption,
                        $"Seconds to answer each question ({TriviaRules.MinSeconds}-{TriviaRules.MaxSeconds}, default {TriviaRules.DefaultSeconds}).",
                        minValue: TriviaRules.MinSeconds,
                        maxValue: TriviaRules.MaxSeconds)),
                ApplicationCommandOption.Subcommand(Commands.CommandNames.TriviaStop, "Stop this channel's game (its starter or Manage Server).")),
            RepliesInChannel: true),
    ],
    [CustomIdAreas.Trivia],
    TriviaView.GameEnded);

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var channelId = context.Interaction.ChannelId ?? context.Interaction.Channel?.Id;
        if (!context.InGuild || channelId is not { } channel)
        {
            return Replies.Ephemeral(TriviaView.GuildOnly);
        }

        return context.Interaction.CommandPath().Split(' ').ElementAtOrDefault(1) switch
        {
            Commands.CommandNames.TriviaStart => await StartAsync(context, channel, cancellationToken),
            Commands.CommandNames.TriviaStop => await StopAsync(context, channel, cancellationToken),
            _ => Replies.Ephemeral("Choose /trivia start or /trivia stop."),
        };
    }

    public Task<InteractionResponse> OnAutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(autocomplete.Suggest(context));

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        if (id.Action != TriviaView.AnswerAction || id.IntArg(0) is not { } round || id.IntArg(1) is not { } choice)
        {
            return null;
        }

        var outcome = await trivia.PressAsync(id.Key, context.Player, context.DisplayName, round, choice, cancellationToken);
        return Replies.Ephemeral(TriviaView.Press(outcome));
    }

    private async Task<InteractionResponse> StartAsync(InteractionContext context, ulong channel, CancellationToken cancellationToken)
    {
        var interaction = context.Interaction;
        var settings = options.Value;
        var request = new TriviaStartRequest(
            RandomNumberGenerator.GetHexString(12, lowercase: true),
            context.Player,
            context.DisplayName,
            channel,
            interaction.GetString(Commands.CommandNames.TopicOption),
            AsInt(interaction.GetInteger(Commands.CommandNames.QuestionsOption)),
            AsInt(interaction.GetInteger(Commands.CommandNames.SecondsOption)),
            RandomNumberGenerator.GetInt32(int.MaxValue),
            interaction.Token,
            settings.InstanceId,
            settings.LeaseDuration);
        var outcome = await trivia.StartAsync(request, cancellationToken);
        if (outcome is not TriviaStartOutcome.Started started)
        {
            return Replies.Ephemeral(TriviaView.Refusal((TriviaStartOutcome.Refused)outcome));
        }

        wakeUp.Signal();
        var notice = TriviaView.Notice(started.Shortening, started.Game);
        return InteractionResponse.Message(TriviaView.Question(started.First, started.Game.Id, started.Game.Title, notice));
    }

    private async Task<InteractionResponse> StopAsync(InteractionContext context, ulong channel, CancellationToken cancellationToken)
    {
        var outcome = await trivia.StopAsync(context.Player, context.DisplayName, context.MemberHas(CommandCatalog.AdminPermission), channel, cancellationToken);
        switch (outcome)
        {
            case TriviaStopOutcome.Stopped stopped:
                wakeUp.Signal();
                return InteractionResponse.Message(TriviaView.Standings(stopped.Result));
            case TriviaStopOutcome.NotAllowed refused:
                return Replies.Ephemeral(TriviaView.OnlyStarterCanStop(refused.StarterName));
            default:
                return Replies.Ephemeral(TriviaView.NoGame);
        }
    }

    private static int? AsInt(long? value) => value is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;
}

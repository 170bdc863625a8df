using System.Security.Cryptography;
using QuizBot.Commands;
using QuizBot.Content;
using QuizBot.Core.Ports;
using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// /trivia start and /trivia stop, and the answer buttons of a live game. The game runs in memory
/// (<see cref="LiveTriviaGames"/>); every accepted answer is stored at once with mode Trivia under a per-player
/// session, so it counts on the leaderboard and in /stats even if the bot restarts (which ends the game).
/// </summary>
public sealed class TriviaModule(
    LiveTriviaGames games,
    TriviaAnnouncer announcer,
    IQuizStore store,
    DeckLibrary library,
    TopicAutocomplete autocomplete,
    TimeProvider time) : IInteractionModule
{
    public const string AlreadyRunning = "A trivia game is already running in this channel — join in with the buttons, or wait for it to end.";
    public const string NoGame = "No trivia game is running in this channel. Start one with /trivia start.";
    public const string NotCurrent = "That button is not part of the current question.";

    public IReadOnlyCollection<string> CommandNames { get; } = [Commands.CommandNames.Trivia];

    public IReadOnlyCollection<string> ComponentAreas { get; } = [CustomIdAreas.Trivia];

    public static string OnlyStarterCanStop(string starterName) =>
        $"Only {TextFit.EscapeMarkdown(starterName)}, who started this game, or a member with Manage Server can stop it.";

    /// <summary>The game is played in the channel, so /trivia's reply is public; button answers are private.</summary>
    public bool DeferEphemerally(Interaction interaction) => interaction.Type != InteractionType.ApplicationCommand;

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
            Commands.CommandNames.TriviaStart => Start(context, channel),
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
        if (id.Action != TriviaView.AnswerAction || id.IntArg(0) is not { } index || id.IntArg(1) is not { } choice)
        {
            return null;
        }

        if (games.Find(id.Key) is not { } live || live.Scope != context.Scope)
        {
            return Replies.Ephemeral(TriviaView.GameEnded);
        }

        var result = live.Answer(context.Player, context.DisplayName, index, choice);
        switch (result.Status)
        {
            case TriviaAnswerStatus.Accepted when result.Record is not null && result.SessionAfter is not null:
                await store.RecordAnswerAsync(result.Record, result.SessionAfter, cancellationToken);
                var deadline = live.Read(game => game.Deadline);
                return Replies.Ephemeral(TriviaView.LockedIn(result.ChoiceLabel ?? "?", deadline));

            case TriviaAnswerStatus.AlreadyAnswered:
                return Replies.Ephemeral(TriviaView.AlreadyAnswered(result.ChoiceLabel));

            case TriviaAnswerStatus.TooLate:
                return Replies.Ephemeral(TriviaView.TooLate);

            case TriviaAnswerStatus.GameOver:
                return Replies.Ephemeral(TriviaView.GameEnded);

            default:
                return Replies.Ephemeral(NotCurrent);
        }
    }

    private InteractionResponse Start(InteractionContext context, ulong channel)
    {
        if (games.InChannel(channel) is not null)
        {
            return Replies.Ephemeral(AlreadyRunning);
        }

        var interaction = context.Interaction;
        var topic = interaction.GetString(Commands.CommandNames.TopicOption);
        // An unknown topic goes to the default deck, whose engine answers with the list of topics.
        var deck = library.ForTopic(topic) ?? library.Default;
        var setup = TriviaGame.Create(
            RandomNumberGenerator.GetHexString(12, lowercase: true),
            deck,
            topic,
            AsInt(interaction.GetInteger(Commands.CommandNames.QuestionsOption)),
            AsInt(interaction.GetInteger(Commands.CommandNames.SecondsOption)),
            RandomNumberGenerator.GetInt32(int.MaxValue),
            time);
        if (setup.Game is not { Current: { } first } game)
        {
            return Replies.Ephemeral(setup.Error);
        }

        var title = game.Topic ?? deck.Title;
        var live = new LiveTrivia(game, channel, context.Scope, context.UserId, context.DisplayName, interaction.Token, title);
        if (!games.TryAdd(live))
        {
            return Replies.Ephemeral(AlreadyRunning);
        }

        return InteractionResponse.Message(TriviaView.Question(first, game.Id, title, setup.Notice));
    }

    private async Task<InteractionResponse> StopAsync(InteractionContext context, ulong channel, CancellationToken cancellationToken)
    {
        if (games.InChannel(channel) is not { } live)
        {
            return Replies.Ephemeral(NoGame);
        }

        if (live.StarterUserId != context.UserId && !context.MemberHas(CommandCatalog.AdminPermission))
        {
            return Replies.Ephemeral(OnlyStarterCanStop(live.StarterName));
        }

        if (await announcer.StopAsync(live, cancellationToken) is not { } end)
        {
            return Replies.Ephemeral(NoGame);
        }

        return InteractionResponse.Message(TriviaView.Standings(end.Standings, live.Title, end.Asked, stoppedBy: context.DisplayName));
    }

    private static int? AsInt(long? value) => value is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;
}

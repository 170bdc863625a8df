using QuizBot.Commands;
using QuizBot.Content;
using QuizBot.Core.Decks;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// /quiz and /review, and every button of a quiz: answer, type answer (a modal), skip, next, report (a modal).
/// The session lives in the store, so any button works after a restart; ownership is checked on every press.
/// </summary>
public sealed class QuizModule(
    QuizService quizzes,
    IQuizStore store,
    IGuildStore guilds,
    IPlayerStatsQuery stats,
    DeckLibrary library,
    TopicAutocomplete autocomplete) : IInteractionModule
{
    public const string AlreadyAnswered = "That question was already answered — press Next ▶ to go on.";
    public const string EmptyTypedAnswer = "Your answer was empty — type an answer, or press Skip.";
    public const string EmptyReason = "Please say what is wrong with the question, so a moderator can fix it.";
    public const int MaxTypedAnswerLength = 200;
    public const int MaxReasonLength = 500;

    public IReadOnlyCollection<string> CommandNames { get; } = [Commands.CommandNames.Quiz, Commands.CommandNames.Review];

    public IReadOnlyCollection<string> ComponentAreas { get; } = [CustomIdAreas.Quiz];

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        QuizStartResult result;
        Deck deck;
        if (context.Interaction.Data?.Name == Commands.CommandNames.Review)
        {
            deck = library.Default;
            result = await quizzes.StartReviewAsync(context.Player, deck, cancellationToken: cancellationToken);
        }
        else
        {
            var topic = context.Interaction.GetString(Commands.CommandNames.TopicOption);
            var length = context.Interaction.GetInteger(Commands.CommandNames.LengthOption);
            // An unknown topic goes to the default deck, whose engine answers with the list of topics.
            deck = library.ForTopic(topic) ?? library.Default;
            var requested = length is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : (int?)null;
            result = await quizzes.StartAsync(context.Player, deck, topic, requested, cancellationToken: cancellationToken);
        }

        if (!result.Started || result.Session is null || result.Current is null)
        {
            return Replies.Ephemeral(result.Message);
        }

        return InteractionResponse.Message(QuizQuestionView.Render(result.Current, result.Session, deck.Title).AsEphemeral());
    }

    public Task<InteractionResponse> OnAutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(autocomplete.Suggest(context));

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        var (session, deck, refusal) = await LoadOwnedAsync(context, id, cancellationToken);
        if (refusal is not null || session is null || deck is null || id.IntArg(0) is not { } index)
        {
            return refusal;
        }

        switch (id.Action)
        {
            case QuizIds.Answer when id.IntArg(1) is { } choice:
                var answered = await quizzes.AnswerAsync(session.Id, context.Player, context.DisplayName, deck, index, PlayerAnswer.Choice(choice), cancellationToken);
                return await StepResponseAsync(context, answered, deck, index, null, cancellationToken);

            case QuizIds.SkipQuestion:
                var skipped = await quizzes.SkipAsync(session.Id, context.Player, deck, index, cancellationToken);
                return await StepResponseAsync(context, skipped, deck, index, null, cancellationToken);

            case QuizIds.Next:
                var view = await quizzes.GetAsync(session.Id, context.Player, deck, cancellationToken);
                return view?.Current is { } current
                    ? InteractionResponse.Update(QuizQuestionView.Render(current, view.Session, deck.Title))
                    : null;

            case QuizIds.TypeAnswer:
                return TypedAnswerModal(session, deck, index);

            case QuizIds.Report when index < session.QuestionIds.Count && index <= session.Position:
                return InteractionResponse.Modal(
                    QuizIds.Of(session.Id, QuizIds.ReportModal, index).ToString(),
                    $"Report question {index + 1}",
                    Label.Of("What is wrong with this question?", TextInput.Paragraph(QuizIds.ReasonInput, maxLength: MaxReasonLength)));

            default:
                return null;
        }
    }

    public async Task<InteractionResponse?> OnModalAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        var (session, deck, refusal) = await LoadOwnedAsync(context, id, cancellationToken);
        if (refusal is not null || session is null || deck is null || id.IntArg(0) is not { } index)
        {
            return refusal;
        }

        switch (id.Action)
        {
            case QuizIds.TypedModal:
                var typed = context.Interaction.GetModalValue(QuizIds.AnswerInput);
                if (string.IsNullOrWhiteSpace(typed))
                {
                    return Replies.Ephemeral(EmptyTypedAnswer);
                }

                var given = TextFit.Truncate(typed.Trim(), MaxTypedAnswerLength);
                var result = await quizzes.AnswerAsync(session.Id, context.Player, context.DisplayName, deck, index, PlayerAnswer.Typed(given), cancellationToken);
                return await StepResponseAsync(context, result, deck, index, given, cancellationToken);

            case QuizIds.ReportModal when index < session.QuestionIds.Count:
                var reason = context.Interaction.GetModalValue(QuizIds.ReasonInput);
                if (string.IsNullOrWhiteSpace(reason))
                {
                    return Replies.Ephemeral(EmptyReason);
                }

                var reportId = await guilds.AddReportAsync(
                    context.Scope, context.UserId, session.QuestionIds[index], TextFit.Truncate(reason.Trim(), MaxReasonLength), context.Now, cancellationToken);
                return Replies.Ephemeral($"Thanks — your report #{reportId} on question {index + 1} was saved for the moderators.");

            default:
                return null;
        }
    }

    private async Task<(QuizSession? Session, Deck? Deck, InteractionResponse? Refusal)> LoadOwnedAsync(
        InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        var session = await store.GetSessionAsync(id.Key, cancellationToken);
        if (session is null || library.Find(session.DeckId) is not { } deck)
        {
            return (null, null, null);
        }

        return session.Player == context.Player
            ? (session, deck, null)
            : (null, null, Replies.Ephemeral(Replies.NotYourQuiz));
    }

    private static InteractionResponse? TypedAnswerModal(QuizSession session, Deck deck, int index)
    {
        if (session.IsFinished || index != session.Position)
        {
            return session.IsFinished ? null : Replies.Ephemeral(AlreadyAnswered);
        }

        if (QuizEngine.Present(session, deck) is not { IsTyped: true } question)
        {
            return null;
        }

        return InteractionResponse.Modal(
            QuizIds.Of(session.Id, QuizIds.TypedModal, index).ToString(),
            question.Progress,
            TextDisplay.Of(TextFit.Truncate(question.Question.Prompt, 1000)),
            Label.Of("Your answer", TextInput.Short(QuizIds.AnswerInput, maxLength: MaxTypedAnswerLength)));
    }

    private async Task<InteractionResponse?> StepResponseAsync(
        InteractionContext context, QuizAnswerResult result, Deck deck, int index, string? given, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case QuizStepStatus.Revealed when result.Reveal is not null && result.Session is not null:
                int? rank = null;
                if (result.Summary is not null)
                {
                    rank = (await stats.GetStatsAsync(context.Player, context.Now, cancellationToken)).Rank;
                }

                var model = new QuizRevealModel(
                    result.Reveal, index, result.Session, library.Cite(deck, result.Reveal.Fact), deck.Title, given, result.Summary, rank);
                return InteractionResponse.Update(QuizRevealView.Render(model));

            case QuizStepStatus.AlreadyAnswered:
                return result.Session is { IsFinished: false } ? Replies.Ephemeral(AlreadyAnswered) : null;

            case QuizStepStatus.NotYourQuiz:
                return Replies.Ephemeral(Replies.NotYourQuiz);

            case QuizStepStatus.InvalidAnswer:
                return Replies.Ephemeral(result.Message);

            default:
                return null;
        }
    }
}

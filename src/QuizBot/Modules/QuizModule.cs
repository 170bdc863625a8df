using QuizBot.Commands;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Reports;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// /quiz and /review, and every button of a quiz: answer, type answer (a modal), skip, resume, abandon, report (a
/// modal), and "Next ▶" on messages sent before an answer's reply carried the next question. An adapter: <see cref="QuizService"/> and <see cref="ReportService"/> decide, the views render.
/// </summary>
public sealed class QuizModule(
    QuizService quizzes,
    ReportService reports,
    IPlayerStatsQuery stats,
    TopicAutocomplete autocomplete) : IInteractionModule<QuizModule>
{
    public const string EmptyTypedAnswer = "Your answer was empty — type an answer, or press Skip.";
    public const string EmptyReason = "Please say what is wrong with the question, so a moderator can fix it.";
    public const string NotShownYet = "You can only report a question the quiz has already shown you.";
    public const int MaxTypedAnswerLength = 200;
    public const int MaxReasonLength = ReportService.MaxReasonLength;

    public static ModuleRoutes Declared { get; } = new(
    [
        new(ApplicationCommand.Slash(
            Commands.CommandNames.Quiz,
            "Take a personal quiz on the article (only you see it).",
            CommandCatalog.TopicOption("Only questions on this topic."),
            ApplicationCommandOption.Integer(
                Commands.CommandNames.LengthOption,
                $"How many questions ({QuizEngine.MinLength}-{QuizEngine.MaxLength}, default {QuizEngine.DefaultLength}).",
                minValue: QuizEngine.MinLength,
                maxValue: QuizEngine.MaxLength))),
        new(ApplicationCommand.Slash(Commands.CommandNames.Review, "A quiz made of the questions you last got wrong.")),
    ],
    [CustomIdAreas.Quiz],
    Replies.QuizEnded);

    public async Task<InteractionResponse> OnCommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        QuizStartOutcome outcome;
        if (context.Interaction.Data?.Name == Commands.CommandNames.Review)
        {
            outcome = await quizzes.StartReviewAsync(context.Player, cancellationToken: cancellationToken);
        }
        else
        {
            var topic = context.Interaction.GetString(Commands.CommandNames.TopicOption);
            // Out-of-range lengths (Discord enforces min/max, a hand-made request may not) are refused by the engine.
            var length = context.Interaction.GetInteger(Commands.CommandNames.LengthOption) is { } n ? (int)Math.Clamp(n, -1, QuizEngine.MaxLength + 1) : (int?)null;
            outcome = await quizzes.StartAsync(context.Player, topic, length, cancellationToken: cancellationToken);
        }

        return outcome switch
        {
            QuizStartOutcome.Started started => InteractionResponse.Message(
                QuizQuestionView.Render(started.Current, started.Session, started.Deck.Title).AsEphemeral()),
            QuizStartOutcome.AlreadyOpen open => InteractionResponse.Message(QuizStartView.Open(open.Open, open.Current, open.Deck.Title).AsEphemeral()),
            QuizStartOutcome.UnknownTopic unknown => Replies.Ephemeral(QuizStartView.UnknownTopic(unknown.Topic)),
            QuizStartOutcome.Rejected rejected => Replies.Ephemeral(QuizStartView.Rejected(rejected.Reason)),
            _ => Replies.Ephemeral(QuizStartView.Rejected(QuizStartError.NoQuestions)),
        };
    }

    public Task<InteractionResponse> OnAutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(autocomplete.Suggest(context));

    public async Task<InteractionResponse?> OnComponentAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        if (id.IntArg(0) is not { } index)
        {
            return null;
        }

        switch (id.Action)
        {
            case QuizIds.Answer when id.IntArg(1) is { } choice:
                return await StepAsync(context, await quizzes.AnswerAsync(id.Key, context.Player, context.DisplayName, index, PlayerAnswer.Choice(choice), cancellationToken), cancellationToken);

            case QuizIds.SkipQuestion:
                return await StepAsync(context, await quizzes.SkipAsync(id.Key, context.Player, index, cancellationToken), cancellationToken);

            case QuizIds.Next or QuizIds.Resume:
                return await ScreenAsync(context, await quizzes.ShowAsync(id.Key, context.Player, index, cancellationToken), cancellationToken);

            case QuizIds.Abandon:
                return await ScreenAsync(context, await quizzes.AbandonAsync(id.Key, context.Player, cancellationToken), cancellationToken);

            case QuizIds.TypeAnswer:
                return TypedAnswerModal(id.Key, index, id.IntArg(1));

            case QuizIds.Report:
                return ReportModal(id.Key, index);

            default:
                return null;
        }
    }

    public async Task<InteractionResponse?> OnModalAsync(InteractionContext context, CustomId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        if (id.IntArg(0) is not { } index)
        {
            return null;
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
                return await StepAsync(context, await quizzes.AnswerAsync(id.Key, context.Player, context.DisplayName, index, PlayerAnswer.Typed(given), cancellationToken), cancellationToken);

            case QuizIds.ReportModal:
                var reason = context.Interaction.GetModalValue(QuizIds.ReasonInput);
                return await reports.ReportAsync(id.Key, context.Player, index, reason, cancellationToken) switch
                {
                    ReportOutcome.Accepted saved => Replies.Ephemeral(
                        $"Thanks — your report #{saved.ReportId} on question {saved.QuestionIndex + 1} was saved for the moderators."),
                    ReportOutcome.Refused refused => ReportRefusal(refused.Reason),
                    _ => null,
                };

            default:
                return null;
        }
    }

    private static InteractionResponse? ReportRefusal(ReportRefusal reason) => reason switch
    {
        Core.Reports.ReportRefusal.NotYours => Replies.Ephemeral(Replies.NotYourQuiz),
        Core.Reports.ReportRefusal.NotShownYet => Replies.Ephemeral(NotShownYet),
        Core.Reports.ReportRefusal.EmptyReason => Replies.Ephemeral(EmptyReason),
        _ => null,
    };

    /// <summary>
    /// The "Type answer" form, opened from what the button's custom_id carries: a form must open at once and needs no
    /// state. Whether the question is this member's, shown and typed is decided when the form comes back.
    /// </summary>
    private static InteractionResponse TypedAnswerModal(string sessionId, int index, int? total)
    {
        var title = total is { } count && count > index && count <= QuizEngine.MaxLength ? $"Question {index + 1}/{count}" : $"Question {index + 1}";
        return InteractionResponse.Modal(
            QuizIds.Of(sessionId, QuizIds.TypedModal, index).ToString(),
            title,
            Label.Of("Your answer", TextInput.Short(QuizIds.AnswerInput, maxLength: MaxTypedAnswerLength)));
    }

    /// <summary>The report form, likewise opened from the custom_id alone; <see cref="ReportService"/> checks the submit.</summary>
    private static InteractionResponse ReportModal(string sessionId, int index) =>
        InteractionResponse.Modal(
            QuizIds.Of(sessionId, QuizIds.ReportModal, index).ToString(),
            $"Report question {index + 1}",
            Label.Of("What is wrong with this question?", TextInput.Paragraph(QuizIds.ReasonInput, maxLength: MaxReasonLength)));

    private async Task<InteractionResponse?> StepAsync(InteractionContext context, QuizStepOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case QuizStepOutcome.Revealed revealed:
                // The reply reveals this answer and shows the next question (or the summary): one tap per question.
                int? rank = revealed.Progress is QuizProgress.Finished ? await stats.GetRankAsync(context.Player, context.Now, cancellationToken) : null;
                var model = new QuizRevealModel(
                    revealed.Reveal, revealed.QuestionIndex, revealed.Session, revealed.Reveal.Citations, revealed.Deck.Title, revealed.Progress, rank);
                return InteractionResponse.Update(QuizRevealView.Render(model));

            case QuizStepOutcome.Invalid invalid:
                return Replies.Ephemeral(invalid.Reason switch
                {
                    InvalidAnswerReason.NeedsTypedAnswer => "This question needs a typed answer — press “Type answer”.",
                    InvalidAnswerReason.NeedsChoice => "Pick one of the choices.",
                    _ => $"Pick a choice from 1 to {invalid.ChoiceCount}.",
                });

            case QuizStepOutcome.Refused refused:
                return Refusal(refused.Reason);

            default:
                return null;
        }
    }

    private async Task<InteractionResponse?> ScreenAsync(InteractionContext context, QuizScreen screen, CancellationToken cancellationToken)
    {
        switch (screen)
        {
            case QuizScreen.Question question:
                return InteractionResponse.Update(QuizQuestionView.Render(question.Current, question.Session, question.Deck.Title));

            case QuizScreen.Finished finished:
                var rank = await stats.GetRankAsync(context.Player, context.Now, cancellationToken);
                return InteractionResponse.Update(QuizStartView.Ended(finished.Summary, rank));

            case QuizScreen.Refused refused:
                return Refusal(refused.Reason);

            default:
                return null;
        }
    }

    /// <summary>Another member's quiz gets a clear word; anything that ended or never existed reads as stale.</summary>
    private static InteractionResponse? Refusal(QuizRefusal reason) =>
        reason == QuizRefusal.NotYours ? Replies.Ephemeral(Replies.NotYourQuiz) : null;
}

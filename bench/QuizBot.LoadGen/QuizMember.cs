using QuizBot.Discord.Models;
using QuizBot.Views;

namespace QuizBot.LoadGen;

/// <summary>
/// One member playing the way people do, one interaction per <see cref="StepAsync"/>: `/quiz length:10`, then for each
/// question a choice button (or "Type answer" and the modal), whose reply reveals the answer and shows the next question
/// (or the summary); after each quiz `/leaderboard` or `/stats`; then another quiz. Counts the answers the bot accepted, which the stored-answer check compares, and
/// tells <c>quizFinished</c> after each complete quiz (the soak counts them).
/// </summary>
/// <param name="firstQuizLength">
/// The questions of this member's first quiz (later ones have <see cref="QuizLength"/>). Members given different first
/// lengths are spread over the quiz's cycle afterwards, instead of all starting a quiz, answering, and asking for a
/// picture in the same sweep of the closed loop: a short measured slice then sees the same mix of interactions as any other.
/// </param>
internal sealed class QuizMember(DiscordMember member, Random random, Action? quizFinished = null, int firstQuizLength = QuizMember.QuizLength) : IVirtualMember
{
    public const int QuizLength = 10;

    // Typed answers are judged like any other; this one is simply wrong, which scoring handles as well as a right one.
    private const string TypedGuess = "a guess";

    private Step next = Step.StartQuiz;

    // Of the screen shown, only what the next step presses: a member holds it until then, and a whole reply held by
    // each of the members would outlive the generator's young collections (bench/STAGES.md, "Load tool client").
    private string resumeId = "";
    private string? typeAnswerId;
    private string[] choiceIds = [];
    private string modalId = "";
    private long? intendedAt;
    private bool recovering;

    private enum Step
    {
        StartQuiz,
        Resume,
        Answer,
        SubmitTyped,
        Leaderboard,
        Stats,
    }

    public string UserId => member.UserId;

    /// <summary>Answers the bot revealed with a verdict: stored, as far as this member can tell.</summary>
    public int AcceptedAnswers { get; private set; }

    public int CorrectAnswers { get; private set; }

    public int QuizzesFinished { get; private set; }

    /// <summary>Sends this member's next interaction through <paramref name="sender"/> and reads the reply.</summary>
    public async Task StepAsync(InteractionSender sender, long? intendedAt = null)
    {
        this.intendedAt = intendedAt;
        next = next switch
        {
            Step.StartQuiz => await StartQuizAsync(sender),
            Step.Resume => await ResumeAsync(sender),
            Step.Answer => await AnswerAsync(sender),
            Step.SubmitTyped => await SubmitTypedAsync(sender),
            Step.Leaderboard => await CommandAsync(sender, "leaderboard"),
            _ => await CommandAsync(sender, "stats"),
        };
    }

    private async Task<Step> StartQuizAsync(InteractionSender sender)
    {
        // Only after an error can a quiz still be open; the member then resumes it, as a person would.
        var expected = recovering ? Expected.QuestionOrResume : Expected.Question;
        var length = QuizzesFinished == 0 ? firstQuizLength : QuizLength;
        var question = await Send(sender, member.Command("quiz", InteractionDataOption.Integer("length", length)), InteractionKind.Command, expected);
        recovering = question is null;
        return question?.Button(QuizStartView.ResumeLabel) is not null ? Show(question, Step.Resume) : Show(question, Step.Answer);
    }

    private async Task<Step> ResumeAsync(InteractionSender sender) =>
        Show(await Send(sender, member.Click(resumeId), InteractionKind.Button, Expected.NextQuestion), Step.Answer);

    private async Task<Step> AnswerAsync(InteractionSender sender)
    {
        if (typeAnswerId is { } typeAnswer)
        {
            var modal = await Send(sender, member.Click(typeAnswer), InteractionKind.Button, Expected.Modal);
            modalId = modal?.Data?.CustomId ?? "";
            recovering |= modal is null;
            return modal is null ? Step.StartQuiz : Step.SubmitTyped;
        }

        var pick = choiceIds[random.Next(choiceIds.Length)];
        return AfterAnswer(await Send(sender, member.Click(pick), InteractionKind.Button, Expected.Verdict));
    }

    private async Task<Step> SubmitTypedAsync(InteractionSender sender) =>
        AfterAnswer(await Send(sender, member.Submit(modalId, QuizIds.AnswerInput, TypedGuess), InteractionKind.Modal, Expected.Verdict));

    private async Task<Step> CommandAsync(InteractionSender sender, string command)
    {
        await Send(sender, member.Command(command), InteractionKind.Command, Expected.PictureReply);
        return Step.StartQuiz;
    }

    private Step AfterAnswer(Reply? reveal)
    {
        if (reveal is null)
        {
            recovering = true;
            return Step.StartQuiz;
        }

        AcceptedAnswers++;
        if (reveal.Title().StartsWith('✅'))
        {
            CorrectAnswers++;
        }

        if (reveal.IsQuestion())
        {
            return Show(reveal, Step.Answer);
        }

        // The last reveal carries the summary instead of a next question.
        QuizzesFinished++;
        quizFinished?.Invoke();
        return QuizzesFinished % 2 == 1 ? Step.Leaderboard : Step.Stats;
    }

    private Task<Reply?> Send(InteractionSender sender, Interaction interaction, InteractionKind kind, Expected expected) =>
        sender.SendAsync(interaction, kind, expected, intendedAt);

    // After an error the member starts over with a new quiz, as a person facing a broken screen would.
    private Step Show(Reply? reply, Step then)
    {
        if (reply is null)
        {
            recovering = true;
            return Step.StartQuiz;
        }

        // The reply matched what was expected, so a question has choices or "Type answer", and a resume offer its button.
        resumeId = reply.Button(QuizStartView.ResumeLabel)?.CustomId ?? "";
        typeAnswerId = reply.Button(QuizQuestionView.TypeAnswerLabel)?.CustomId;
        choiceIds = typeAnswerId is null ? [.. reply.ChoiceButtons().Select(b => b.CustomId!)] : [];
        return then;
    }
}

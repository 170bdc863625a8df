using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;

namespace QuizBot.Benchmarks;

/// <summary>
/// One member answering quiz after quiz, as the store (5) and service (4+5) stages measure it on any store: each call
/// answers the open quiz's current question (typed ones with "1992", choices with the first button) and, after the
/// tenth, opens the next quiz, one more short transaction.
/// </summary>
internal sealed class AnswerLoop
{
    private static readonly DateTimeOffset Start = new(2025, 6, 18, 12, 0, 0, TimeSpan.Zero);
    private readonly IQuizStore store;
    private readonly Deck deck;
    private readonly PlayerKey member;
    private readonly string idPrefix;
    private QuizSession session;
    private int opened;

    public AnswerLoop(IQuizStore store, Deck deck, PlayerKey member, string idPrefix)
    {
        this.store = store;
        this.deck = deck;
        this.member = member;
        this.idPrefix = idPrefix;
        session = OpenNext();
    }

    public static PlayerAnswer AnswerFor(PresentedQuestion question) =>
        question.IsTyped ? PlayerAnswer.Typed("1992") : PlayerAnswer.Choice(0);

    /// <summary>The answer's own transaction, decided here as the service would.</summary>
    public async Task<QuizTransitionResult> StoreAsync()
    {
        var presented = QuizEngine.Present(session, deck)!;
        var take = (QuizDecision.Take)QuizEngine.Answer(session, deck, member, "Ada", session.Position, AnswerFor(presented), DateTimeOffset.UtcNow);
        var result = await store.ApplyAsync(take.Transition);
        session = take.Transition.After.IsFinished ? OpenNext() : take.Transition.After;
        return result;
    }

    /// <summary>What QuizService does for a press: read the session, check the member, decide, store.</summary>
    public async Task<QuizStepOutcome> ServiceAsync(QuizService quizzes)
    {
        var presented = QuizEngine.Present(session, deck)!;
        var outcome = await quizzes.AnswerAsync(session.Id, member, "Ada", session.Position, AnswerFor(presented));
        var revealed = (QuizStepOutcome.Revealed)outcome;
        session = revealed.Session.IsFinished ? OpenNext() : revealed.Session;
        return outcome;
    }

    private QuizSession OpenNext()
    {
        opened++;
        var plan = QuizEngine.PlanQuiz(deck, null, 10, new Dictionary<string, int>(), seed: opened);
        var next = QuizEngine.NewSession($"{idPrefix}{opened:x12}", member, deck, QuizMode.Quiz, plan, opened, Start);
        if (store.OpenAsync(next).GetAwaiter().GetResult() is not QuizOpenResult.Opened)
        {
            throw new InvalidOperationException("The previous benchmark quiz is still open.");
        }

        return next;
    }
}

using QuizBot.Content;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Views;

public sealed class QuizRevealViewTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AnswerMatch.Exact, "✅ Correct — no points")]
    [InlineData(AnswerMatch.Wrong, "❌ Not quite — no points")]
    public void An_answer_a_skip_had_revealed_says_plainly_why_it_scores_nothing(AnswerMatch match, string title)
    {
        var deck = RealDeck.First;
        var plan = new QuizPlan(deck.Questions.Take(3).Select(q => q.Id).ToList(), null, null);
        var session = QuizEngine.NewSession("0123456789abcdef", new PlayerKey("900000000000000001", "101"), deck, QuizMode.Quiz, plan, 7, Now) with { Position = 1 };
        var question = deck.Questions.First();
        var fact = deck.Facts.Single(f => f.Id == question.FactId);
        var reveal = new AnswerReveal(question, fact, [], new AnswerVerdict(match, question.Answer), false, 0, 0) { Given = "given", RevealedBySkipToday = true };

        var payload = QuizRevealView.Render(new QuizRevealModel(reveal, 0, session, new DeckLibrary(RealDeck.All).Cite(deck, fact), deck.Title, null, null));

        DiscordLimits.AssertWithin(payload);
        var embed = payload.Embeds![0];
        Assert.Equal(title, embed.Title);
        Assert.Contains(QuizRevealView.UnscoredNote, embed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("points ·", embed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("+0", embed.Description, StringComparison.Ordinal);
    }
}

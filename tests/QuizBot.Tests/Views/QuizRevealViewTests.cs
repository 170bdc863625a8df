using QuizBot.Content;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Quiz;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
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
        var (deck, session) = Quiz(3, position: 1);
        var question = deck.Questions.First(q => q.Id == session.QuestionIds[0]);
        var reveal = RevealOf(deck, question, match) with { Given = "given", RevealedBySkipToday = true };

        var payload = QuizRevealView.Render(Model(deck, session, reveal, 0));

        DiscordLimits.AssertWithin(payload);
        var embed = payload.Embeds![0];
        Assert.Equal(title, embed.Title);
        Assert.Contains(QuizRevealView.UnscoredNote, embed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("points ·", embed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("+0", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reply_to_an_answer_shows_the_reveal_then_the_next_question_with_its_buttons()
    {
        var (deck, session) = Quiz(4, position: 2);
        var question = deck.Questions.First(q => q.Id == session.QuestionIds[1]);
        var next = QuizEngine.Present(session, deck)!;
        var reveal = RevealOf(deck, question, AnswerMatch.Exact);

        var payload = QuizRevealView.Render(Model(deck, session, reveal, 1));

        DiscordLimits.AssertWithin(payload);
        Assert.Null(payload.Content);
        Assert.Equal(2, payload.Embeds!.Count);
        var (revealed, shown) = (payload.Embeds[0], payload.Embeds[1]);
        Assert.Equal("✅ Correct!", revealed.Title);
        Assert.StartsWith("**Question 2/4**", revealed.Description, StringComparison.Ordinal);
        Assert.Contains(question.Prompt, revealed.Description, StringComparison.Ordinal);
        Assert.Contains($"Answer: **{question.Answer}**", revealed.Description, StringComparison.Ordinal);
        Assert.All(RealDeck.ExpectedCitationLines(RealDeck.FactOf(question)), line => Assert.Contains(line, revealed.Description, StringComparison.Ordinal));
        // The points are on the question below, once.
        Assert.Null(revealed.Footer);

        // Below: the next question exactly as it shows alone, and its buttons, plus a Report for the question revealed.
        var alone = QuizQuestionView.Render(next, session, deck.Title);
        Assert.Equal(alone.Embeds![0], shown);
        Assert.StartsWith("**Question 3/4**", shown.Description, StringComparison.Ordinal);
        var rows = payload.Components!;
        Assert.Equal(alone.Components!.Count, rows.Count);
        Assert.Equal(alone.Components.SelectMany(r => r.Components!), rows.SelectMany(r => r.Components!).SkipLast(1));
        var report = rows[^1].Components![^1];
        Assert.Equal(QuizRevealView.ReportRevealedLabel(1), report.Label);
        Assert.True(CustomId.TryParse(report.CustomId, out var id));
        Assert.Equal((session.Id, QuizIds.Report, 1), (id.Key, id.Action, id.IntArg(0)));
        Assert.DoesNotContain(payload.Components!.SelectMany(r => r.Components!), b => b.Label is "Next ▶");
    }

    [Fact]
    public void The_reply_to_the_last_answer_shows_the_reveal_and_the_summary()
    {
        var (deck, session) = Quiz(2, position: 2);
        var finished = session with { FinishedAt = Now, Answered = 2, Correct = 1, Points = 10 };
        var question = deck.Questions.First(q => q.Id == session.QuestionIds[1]);
        var reveal = RevealOf(deck, question, AnswerMatch.Wrong);

        var payload = QuizRevealView.Render(new QuizRevealModel(
            reveal, 1, finished, new DeckLibrary(RealDeck.All).Cite(deck, reveal.Fact), deck.Title, new QuizProgress.Finished(QuizEngine.Summarize(finished)), 3));

        DiscordLimits.AssertWithin(payload);
        Assert.Equal(2, payload.Embeds!.Count);
        Assert.Equal("❌ Not quite", payload.Embeds[0].Title);
        Assert.All(RealDeck.ExpectedCitationLines(RealDeck.FactOf(question)), line => Assert.Contains(line, payload.Embeds[0].Description, StringComparison.Ordinal));
        Assert.Contains("10 points", payload.Embeds[0].Footer!.Text, StringComparison.Ordinal);
        Assert.Equal(QuizRevealView.SummaryTitle, payload.Embeds[1].Title);
        Assert.Contains(payload.Embeds[1].Fields!, f => f.Name == "Rank" && f.Value == "#3");
        var button = Assert.Single(payload.Components!.SelectMany(r => r.Components!));
        Assert.Equal(QuizQuestionView.ReportLabel, button.Label);
        Assert.Equal(QuizIds.Of(session.Id, QuizIds.Report, 1).ToString(), button.CustomId);
    }

    private static (Deck Deck, QuizSession Session) Quiz(int length, int position)
    {
        var deck = RealDeck.First;
        var plan = new QuizPlan(deck.Questions.Take(length).Select(q => q.Id).ToList(), null, null);
        var session = QuizEngine.NewSession("0123456789abcdef", new PlayerKey("900000000000000001", "101"), deck, QuizMode.Quiz, plan, 7, Now) with { Position = position };
        return (deck, session);
    }

    private static AnswerReveal RevealOf(Deck deck, Question question, AnswerMatch match) =>
        new(question, deck.Facts.Single(f => f.Id == question.FactId), [], new AnswerVerdict(match, question.Answer), false, match == AnswerMatch.Wrong ? 0 : 10, 1);

    private static QuizRevealModel Model(Deck deck, QuizSession session, AnswerReveal reveal, int index) =>
        new(reveal, index, session, new DeckLibrary(RealDeck.All).Cite(deck, reveal.Fact), deck.Title, new QuizProgress.Continues(QuizEngine.Present(session, deck)!), null);
}

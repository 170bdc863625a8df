using QuizBot.Core.Decks;
using QuizBot.Core.Tests.Fakes;

namespace QuizBot.Core.Tests.Decks;

public sealed class DeckQuestionLookupTests
{
    [Fact]
    public void A_question_is_found_by_id_with_the_fact_it_is_about()
    {
        var deck = TestDecks.Build(facts: 4);

        var (question, fact) = deck.FindQuestion("fact-3-typed1")!.Value;

        Assert.Equal("Type 3.", question.Prompt);
        Assert.Equal("fact-3", fact.Id);
        Assert.Null(deck.FindQuestion("fact-9-typed1"));
    }

    [Fact]
    public void The_first_of_two_questions_sharing_an_id_wins_and_one_without_its_fact_is_not_found()
    {
        var first = TestDecks.Fact(1);
        var orphan = new Question("orphan", "no-such-fact", QuestionKind.Typed, "Orphan?", "x", [], [], "");
        var second = first with { Id = "fact-2", Questions = [first.Questions[0] with { FactId = "fact-2", Prompt = "Second copy" }, orphan] };
        var deck = TestDecks.Build(facts: 0) with { Facts = [first, second] };

        var (question, fact) = deck.FindQuestion(first.Questions[0].Id)!.Value;

        Assert.Equal(first.Questions[0].Prompt, question.Prompt);
        Assert.Same(first, fact);
        Assert.Null(deck.FindQuestion("orphan"));
    }
}

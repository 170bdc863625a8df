using QuizBot.Content;
using QuizBot.Core.Catalog;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Study;
using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Views;

/// <summary>Every screen of every question and card of the real deck, and every view with extreme inputs, stays inside Discord's limits.</summary>
public sealed class ViewLimitsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly string LongName = new string('W', 32) + "**_~`|>@everyone" + string.Concat(Enumerable.Repeat("😀", 40));

    public static TheoryData<string> QuestionIds()
    {
        var data = new TheoryData<string>();
        foreach (var question in RealDeck.All.SelectMany(d => d.Questions))
        {
            data.Add(question.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(QuestionIds))]
    public void Every_question_its_reveals_and_the_summary_fit(string questionId)
    {
        var library = new DeckLibrary(RealDeck.All);
        var deck = RealDeck.All.First(d => d.Questions.Any(q => q.Id == questionId));
        // Below each reveal comes the deck's longest question, so the pair is as long as this deck's content gets.
        var longest = deck.Questions.Where(q => q.Id != questionId).MaxBy(q => q.Prompt.Length + q.Choices.Sum(c => c.Length + 8));
        var others = deck.Questions.Where(q => q.Id != questionId && q != longest).Take(23).Select(q => q.Id);
        var plan = new QuizPlan([.. others, questionId, .. longest is null ? Array.Empty<string>() : [longest.Id]], LongName, null);
        var at = plan.QuestionIds.Count - (longest is null ? 1 : 2);
        var session = QuizEngine.NewSession("0123456789abcdef0123", new PlayerKey("900000000000000001", "18446744073709551615"), deck, QuizMode.Quiz, plan, 12345, Now)
            with { Position = at, Points = 99999, Streak = 24 };
        var presented = QuizEngine.Present(session, deck)!;
        Assert.Equal(questionId, presented.Question.Id);

        var question = QuizQuestionView.Render(presented, session, deck.Title, notice: new string('n', 300));
        DiscordLimits.AssertWithin(question);
        AssertNoAnswerInButtons(question, session.Id);

        var citations = library.Cite(deck, presented.Fact);
        foreach (var (verdict, skipped) in new[] { (AnswerMatch.Exact, false), (AnswerMatch.Wrong, false), (AnswerMatch.Typo, false), (AnswerMatch.Wrong, true) })
        {
            var reveal = new AnswerReveal(presented.Question, presented.Fact, [], new AnswerVerdict(verdict, presented.Question.Answer), skipped, 25, 24) { Given = new string('g', 500) };
            var after = session with { Position = at + 1 };
            var last = session with { Position = plan.QuestionIds.Count, FinishedAt = Now };
            var progress = new List<(QuizSession, QuizProgress)> { (last, new QuizProgress.Finished(QuizEngine.Summarize(last))) };
            if (QuizEngine.Present(after, deck) is { } next)
            {
                progress.Add((after, new QuizProgress.Continues(next)));
            }

            foreach (var (state, then) in progress)
            {
                var payload = QuizRevealView.Render(new QuizRevealModel(reveal, at, state, citations, deck.Title, then, 123456));
                DiscordLimits.AssertWithin(payload);
                AssertNoAnswerInButtons(payload, session.Id);
                foreach (var line in RealDeck.ExpectedCitationLines(presented.Fact))
                {
                    Assert.Contains(line, payload.Embeds![0].Description!, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void A_reveal_of_the_longest_content_the_deck_format_allows_keeps_its_citation_and_the_whole_next_question()
    {
        var library = new DeckLibrary(RealDeck.All);
        var deck = RealDeck.First;
        var real = deck.Questions.First(q => q.Kind == QuestionKind.MultipleChoice);
        var fact = deck.Facts.Single(f => f.Id == real.FactId);
        // The deck validator's limits (DeckValidator, internal to Core): 1000-character prompts, 80-character choices;
        // the number of choices and the length of an explanation have none.
        const int MaxPromptLength = 1000;
        const int MaxChoiceLength = 80;
        var revealed = real with { Prompt = new string('p', MaxPromptLength), Explanation = new string('e', 5000) };
        var next = real with
        {
            Id = real.Id + "-next",
            Prompt = new string('q', MaxPromptLength),
            Choices = [.. Enumerable.Range(0, 60).Select(i => $"{i:00}" + new string('c', MaxChoiceLength - 2))],
        };
        var big = deck with { Facts = [.. deck.Facts.Select(f => f.Id == fact.Id ? f with { Questions = [revealed, next] } : f)] };
        var plan = new QuizPlan([revealed.Id, next.Id], new string('T', DeckCatalog.MaxTopicLength), null);
        var session = QuizEngine.NewSession("0123456789abcdef0123", new PlayerKey("900000000000000001", "18446744073709551615"), big, QuizMode.Quiz, plan, 1, Now)
            with { Position = 1, Points = 99999, Streak = 24 };
        var presented = QuizEngine.Present(session, big)!;
        var reveal = new AnswerReveal(revealed, fact, [], new AnswerVerdict(AnswerMatch.Wrong, revealed.Answer), false, 0, 0) { Given = new string('g', 500) };
        var citations = library.Cite(deck, fact);

        var payload = QuizRevealView.Render(new QuizRevealModel(reveal, 0, session, citations, deck.Title, new QuizProgress.Continues(presented), null));

        DiscordLimits.AssertWithin(payload);
        // The next question is shown as it would be alone; the reveal gives way, all but its citation.
        Assert.Equal(QuizQuestionView.Render(presented, session, deck.Title).Embeds![0], payload.Embeds![1]);
        var description = payload.Embeds[0].Description!;
        Assert.EndsWith("…\n\n" + CitationView.Render(citations), description, StringComparison.Ordinal);
        Assert.Contains(RealDeck.ExpectedCitationLines(fact).First(), description, StringComparison.Ordinal);
        Assert.Equal(MessagePayload.MaxActionRows, payload.Components!.Count);
        var lastRow = payload.Components[^1].Components!;
        Assert.Equal([QuizQuestionView.SkipLabel, QuizQuestionView.ReportLabel, QuizRevealView.ReportRevealedLabel(0)], lastRow.Select(b => b.Label));
        Assert.Equal(QuizIds.Of(session.Id, QuizIds.Report, 0).ToString(), lastRow[^1].CustomId);
    }

    private static void AssertNoAnswerInButtons(MessagePayload payload, string sessionId) =>
        // A button names the session, the action and positions only: nothing in it depends on the answer.
        Assert.All(payload.Components!.SelectMany(r => r.Components!), b =>
        {
            Assert.True(QuizBot.Interactions.CustomId.TryParse(b.CustomId, out var id));
            Assert.Equal(sessionId, id.Key);
            Assert.All(id.Args, arg => Assert.True(int.TryParse(arg, out _)));
        });

    [Fact]
    public void Every_card_front_back_and_the_end_of_study_fit()
    {
        var library = new DeckLibrary(RealDeck.All);
        var scheduler = new FsrsScheduler();
        foreach (var deck in RealDeck.All)
        {
            foreach (var fact in deck.Facts)
            {
                var state = FsrsScheduler.NewCard(fact.Id, Now) with { Reps = 123456 };
                var preview = scheduler.Preview(state, Now);
                var previews = Enum.GetValues<Rating>().Select(r => new RatingPreview(r, preview.For(r).Interval, IntervalLabel.Format(preview.For(r).Interval), preview.For(r).After.Due)).ToList();
                var card = new StudyCard(fact, [], state, true, previews, int.MaxValue);
                var next = new StudyScreen.Card(deck, card, new StudyCounts(99999, 99999, 99999), deck.Topics[^1]);
                var model = new StudyModel(next, "18446744073709551615", "24", library.Cite(deck, fact), new string('n', 500));

                DiscordLimits.AssertWithin(StudyView.Front(model));
                var back = StudyView.Back(model);
                DiscordLimits.AssertWithin(back);
                Assert.All(RealDeck.ExpectedCitationLines(fact), line => Assert.Contains(line, back.Embeds![0].Description!, StringComparison.Ordinal));
            }
        }

        var done = new StudyModel(new StudyScreen.Done(RealDeck.All[0], new StudyCounts(0, 0, 9), Now.AddDays(3), null), "1", StudyIds.NoTopic, [], null);
        DiscordLimits.AssertWithin(StudyView.Front(done));
    }

    [Fact]
    public void Leaderboard_and_stats_with_long_names_and_many_topics_fit()
    {
        var rows = Enumerable.Range(1, 10).Select(i => new LeaderboardRow(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), LongName + LongName, 999999, 99999, 99998)).ToList();
        var board = new Leaderboard(LeaderboardPeriod.Month, LeaderboardMetric.Accuracy, rows, new LeaderboardRow(123456, "me", LongName, 1, 10, 1), 999999);
        DiscordLimits.AssertWithin(LeaderboardView.Render(new LeaderboardModel(board, 5, 10, "me", Now)));

        var topics = Enumerable.Range(0, 60).Select(i => new TopicAccuracy(new string('t', 200) + i, 100, 37)).ToList();
        var stats = new PlayerStats(new PlayerKey("g", "u"), LongName + LongName + LongName, 999999, 123456, 99999, 5, 9999, 999, topics, 999, 999, 999);
        DiscordLimits.AssertWithin(StatsView.Render(stats, isSelf: true));
    }

    [Fact]
    public void Sources_fact_help_and_admin_screens_fit()
    {
        var library = new DeckLibrary(RealDeck.All);
        DiscordLimits.AssertWithin(SourcesView.Render(RealDeck.All));
        DiscordLimits.AssertWithin(HelpView.Render(RealDeck.First.Title));
        foreach (var fact in RealDeck.First.Facts)
        {
            DiscordLimits.AssertWithin(FactView.Render(RealDeck.First, fact, library.Cite(RealDeck.First, fact)));
        }

        var questions = RealDeck.First.Questions.ToDictionary(q => q.Id);
        var reports = RealDeck.First.Questions.Take(30)
            .Select((q, i) => new QuestionReport(i + 1, "g", "18446744073709551615", q.Id, string.Concat(Enumerable.Repeat("*_", 1000)), Now, false)).ToList();
        DiscordLimits.AssertWithin(AdminView.Reports(reports, questions, "18446744073709551615"));
        DiscordLimits.AssertWithin(AdminView.ConfirmReset("18446744073709551615"));
        DiscordLimits.AssertWithin(AdminView.Settings(new GuildSettings("g", "123", 23, Now)));
    }

    [Fact]
    public void A_deck_with_many_long_sources_still_fits_in_sources()
    {
        var deck = RealDeck.First;
        var many = Enumerable.Range(1, 80)
            .Select(n => new Source(n, new string('T', 250), new string('P', 80), "https://example.org/" + new string('u', 200), "09.05.2023", null))
            .ToList();
        var big = deck with { Sources = many };

        var payload = SourcesView.Render([big, big]);

        DiscordLimits.AssertWithin(payload);
        Assert.Contains("more footnotes", payload.Embeds![0].Description!, StringComparison.Ordinal);
    }

    public static TheoryData<string> ButtonQuestionIds()
    {
        var data = new TheoryData<string>();
        foreach (var question in RealDeck.All.SelectMany(d => d.Questions).Where(q => TriviaRules.IsButtonAnswerable(q.Kind)))
        {
            data.Add(question.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ButtonQuestionIds))]
    public void Every_trivia_question_its_reveal_and_the_standings_fit(string questionId)
    {
        var library = new DeckLibrary(RealDeck.All);
        var deck = RealDeck.All.First(d => d.Questions.Any(q => q.Id == questionId));
        var question = deck.Questions.First(q => q.Id == questionId);
        var fact = deck.Facts.Single(f => f.Id == question.FactId);
        IReadOnlyList<string> choices = question.Kind == QuestionKind.TrueFalse ? ["True", "False"] : question.Choices;
        var presented = new TriviaQuestion(19, 20, question, fact, choices, [.. Enumerable.Range(0, choices.Count)], Now);

        var screen = TriviaView.Question(presented, "0123456789ab", LongName, notice: new string('n', 3000));
        DiscordLimits.AssertWithin(screen);
        Assert.Contains(TextFit.Timestamp(Now), screen.Embeds![0].Description!, StringComparison.Ordinal);
        Assert.All(screen.Components!.SelectMany(r => r.Components!), b =>
        {
            Assert.True(QuizBot.Interactions.CustomId.TryParse(b.CustomId, out var id));
            Assert.All(id.Args, arg => Assert.True(int.TryParse(arg, out _)));
        });

        var hits = Enumerable.Range(0, 60).Select(i => new TriviaHit(LongName + i, 10, TimeSpan.FromSeconds(i), i)).ToList();
        foreach (var stopped in new[] { false, true })
        {
            var reveal = new TriviaReveal(presented, "A", choices[0], library.Cite(deck, fact), hits, 80, true, stopped);
            var payload = TriviaView.Reveal(reveal, LongName);
            DiscordLimits.AssertWithin(payload);
            Assert.Empty(payload.Components!);
            foreach (var line in RealDeck.ExpectedCitationLines(fact))
            {
                Assert.Contains(line, payload.Embeds![0].Description!, StringComparison.Ordinal);
            }
        }

        var standings = Enumerable.Range(0, 60)
            .Select(i => new TriviaStanding(i + 1, new PlayerKey("900000000000000001", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), LongName, 99999 - i, 20, 20, 20, 20))
            .ToList();
        var final = TriviaView.Standings(new TriviaResult(LongName, standings, 20, TriviaEndReason.Stopped, LongName));
        DiscordLimits.AssertWithin(final);
        Assert.Contains("… and 50 more", final.Embeds![0].Description!, StringComparison.Ordinal);
    }
}

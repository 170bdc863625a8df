using System.Text.Json;
using QuizBot.Commands;
using QuizBot.Content;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Discord;
using QuizBot.Interactions;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Daily;

public sealed class DailyViewAndScheduleTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 3, 12);
    private static readonly string LongTitle = new string('T', 300) + string.Concat(Enumerable.Repeat("😀", 40));

    public static TheoryData<string> ButtonQuestionIds()
    {
        var data = new TheoryData<string>();
        foreach (var question in RealDeck.All.SelectMany(d => d.Questions).Where(DailySchedule.IsButtonAnswerable))
        {
            data.Add(question.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ButtonQuestionIds))]
    public void Every_daily_question_its_reveals_and_the_second_press_fit_and_cite(string questionId)
    {
        var library = new DeckLibrary(RealDeck.All);
        var deck = RealDeck.All.First(d => d.Questions.Any(q => q.Id == questionId));
        var presented = DailySchedule.Present(deck, "900000000000000001", questionId, Today, Now)!;

        var post = DailyView.Post(presented, Today, LongTitle);
        DiscordLimits.AssertWithin(post);
        Assert.Null(post.Flags);
        var buttons = post.Components!.SelectMany(r => r.Components!).ToList();
        Assert.Equal(presented.Choices.Count, buttons.Count);
        // A button names the date and a position only: nothing in it depends on the answer.
        Assert.All(buttons, b =>
        {
            Assert.True(CustomId.TryParse(b.CustomId, out var id));
            Assert.Equal("2025-03-12", id.Key);
            Assert.All(id.Args, arg => Assert.True(int.TryParse(arg, out _)));
        });

        var citations = library.Cite(deck, presented.Fact);
        var expected = RealDeck.ExpectedCitationLines(presented.Fact);
        foreach (var match in new[] { AnswerMatch.Exact, AnswerMatch.Wrong })
        {
            var reveal = new AnswerReveal(presented.Question, presented.Fact, citations, new AnswerVerdict(match, presented.Question.Answer), false, 10, 1);
            var payload = DailyView.Reveal(reveal, new string('g', 500), citations, Today);
            DiscordLimits.AssertWithin(payload);
            Assert.True(payload.IsEphemeral);
            Assert.All(expected, line => Assert.Contains(line, payload.Embeds![0].Description!, StringComparison.Ordinal));
        }

        var answered = new AnswerReveal(presented.Question, presented.Fact, citations, new AnswerVerdict(AnswerMatch.Exact, presented.Question.Answer), false, 10, 1);
        var again = DailyView.AlreadyAnswered(answered, citations, Today);
        DiscordLimits.AssertWithin(again);
        Assert.All(expected, line => Assert.Contains(line, again.Embeds![0].Description!, StringComparison.Ordinal));
    }

    [Fact]
    public void Choices_show_in_the_same_order_to_every_member_and_differ_between_days()
    {
        var deck = RealDeck.All.First(d => d.Questions.Any(q => q.Kind == QuestionKind.MultipleChoice && q.Choices.Count >= 4));
        var question = deck.Questions.First(q => q.Kind == QuestionKind.MultipleChoice && q.Choices.Count >= 4);

        var first = DailySchedule.Present(deck, "g1", question.Id, Today, Now)!;
        var again = DailySchedule.Present(deck, "g1", question.Id, Today, Now.AddHours(5))!;
        var member = QuizEngine.Present(DailySchedule.NewSession("daily:g1:2025-03-12:u", new("g1", "u"), deck.Id, question.Id, Today, Now), deck)!;
        var orders = Enumerable.Range(0, 30).Select(d => string.Join(',', DailySchedule.Present(deck, "g1", question.Id, Today.AddDays(d), Now)!.ChoiceOrder)).Distinct();

        Assert.Equal(first.ChoiceOrder, again.ChoiceOrder);
        Assert.Equal(first.ChoiceOrder, member.ChoiceOrder);
        Assert.True(orders.Count() > 1);
    }

    [Theory]
    [InlineData("2025-03-12T08:59:59Z", 9, false, "2025-03-12T09:00:00Z")]
    [InlineData("2025-03-12T09:00:00Z", 9, false, "2025-03-12T09:01:00Z")]
    [InlineData("2025-03-12T10:30:20Z", 9, false, "2025-03-12T10:31:00Z")]
    [InlineData("2025-03-12T10:30:20Z", 9, true, "2025-03-13T09:00:00Z")]
    [InlineData("2025-03-12T23:59:30Z", 0, true, "2025-03-13T00:00:00Z")]
    [InlineData("2025-03-12T00:00:00Z", 23, false, "2025-03-12T23:00:00Z")]
    public void The_next_post_is_today_at_the_hour_the_next_minute_or_tomorrow(string now, int hour, bool todayDone, string expected)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DailySchedule.NextPost(at, hour, todayDone));
    }

    [Fact]
    public void The_pick_is_the_same_for_a_guild_and_date_avoids_recent_ones_and_uses_buttons_only()
    {
        var picker = new DailyPicker(new DeckLibrary(RealDeck.All).Catalog);
        var pick = picker.Pick("g1", Today, [])!;

        Assert.Equal(pick.Question.Id, picker.Pick("g1", Today, [])!.Question.Id);
        Assert.NotEqual(pick.Question.Id, picker.Pick("g1", Today, [pick.Question.Id])!.Question.Id);
        var month = Enumerable.Range(0, 30).Select(d => picker.Pick("g1", Today.AddDays(d), [])!.Question.Id).Distinct().Count();
        Assert.True(month > 10, $"only {month} different questions in 30 days");
        Assert.All(Enumerable.Range(0, 50), d => Assert.True(DailySchedule.IsButtonAnswerable(picker.Pick("g2", Today.AddDays(d), [])!.Question)));

        // With every question recent, the pick still comes (from the older half).
        var all = RealDeck.All.SelectMany(d => d.Questions).Where(DailySchedule.IsButtonAnswerable).Select(q => q.Id).ToList();
        Assert.NotNull(picker.Pick("g1", Today, all));
    }

    [Fact]
    public void A_deck_without_button_questions_has_nothing_to_pick()
    {
        var deck = RealDeck.First;
        var typedOnly = deck with
        {
            Facts = deck.Facts.Select(f => f with { Questions = f.Questions.Where(q => q.Kind is QuestionKind.Typed or QuestionKind.FillBlank).ToList() }).ToList(),
        };
        var picker = new DailyPicker(new DeckLibrary([typedOnly]).Catalog);

        Assert.Equal(0, picker.CandidateCount);
        Assert.Null(picker.Pick("g1", Today, []));
    }

    [Fact]
    public void Admin_screens_fit_even_with_a_long_failure()
    {
        var settings = new GuildSettings("g1", "18446744073709551615", 23, Now);
        DiscordLimits.AssertWithin(DailyView.Scheduled(settings, Now));
        DiscordLimits.AssertWithin(DailyView.Status(settings, Now));
        DiscordLimits.AssertWithin(DailyView.Status(settings with { DailyChannelId = null }, null));
        var failed = new DailyQuestion("g1", Today, "deck", "q", "1", Now, Failure: new string('x', 4000));
        var screen = AdminView.Settings(settings, failed);
        DiscordLimits.AssertWithin(screen);
        Assert.Contains("2025-03-12: not posted", screen.Embeds![0].Fields!.Single(f => f.Name == "Last daily question").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_daily_subcommand_offers_text_channels_an_hour_and_off()
    {
        var json = JsonSerializer.Serialize(CommandCatalog.All.Single(c => c.Name == "quizadmin"), DiscordJsonContext.Default.ApplicationCommand);

        using var document = JsonDocument.Parse(json);
        var daily = document.RootElement.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "daily");
        var options = daily.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(7, options["channel"].GetProperty("type").GetInt32());
        Assert.Equal([0, 5], options["channel"].GetProperty("channel_types").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(4, options["hour-utc"].GetProperty("type").GetInt32());
        Assert.Equal(0, options["hour-utc"].GetProperty("min_value").GetDouble());
        Assert.Equal(23, options["hour-utc"].GetProperty("max_value").GetDouble());
        Assert.Equal(5, options["off"].GetProperty("type").GetInt32());
    }
}

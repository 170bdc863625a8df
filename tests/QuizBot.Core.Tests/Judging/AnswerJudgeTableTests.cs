using QuizBot.Core.Decks;
using QuizBot.Core.Judging;

namespace QuizBot.Core.Tests.Judging;

/// <summary>The typed-answer table: what must be accepted, and (at least as many) what must be rejected.</summary>
public sealed class AnswerJudgeTableTests
{
    public static TheoryData<string, string, string, AnswerMatch> Accepted => new()
    {
        // expected answer, aliases ("|" separated), typed, expected match
        { "Kant", "", "Kant", AnswerMatch.Exact },
        { "Kant", "", "  kant ", AnswerMatch.Exact },
        { "Kant", "", "KANT!", AnswerMatch.Exact },
        { "Kant", "", "Kant.", AnswerMatch.Exact },
        { "Collective Security Treaty Organization", "CSTO", "csto", AnswerMatch.Alias },
        { "Collective Security Treaty Organization", "CSTO", "collective security treaty organisation", AnswerMatch.Typo },
        { "Collective Security Treaty Organization", "CSTO", "Collective  Security\tTreaty Organization", AnswerMatch.Exact },
        { "Collective Security Treaty Organization", "CSTO", "the Collective Security Treaty Organization", AnswerMatch.Exact },
        { "1,300", "", "1300", AnswerMatch.Exact },
        { "1,300", "", "1 300", AnswerMatch.Exact },
        { "1300", "", "1,300", AnswerMatch.Exact },
        { "1,300", "", "1\u00A0300", AnswerMatch.Exact },
        { "Sadyr Japarov", "Japarov", "Sadyr Japarov", AnswerMatch.Exact },
        { "Sadyr Japarov", "Japarov", "japarov", AnswerMatch.Alias },
        { "Hà Nội", "", "Ha Noi", AnswerMatch.Exact },
        { "Sadyr Japarov", "Japarov", "Sadir Japarov", AnswerMatch.Typo },
        { "Kyrgyzstan", "", "Kyrgystan", AnswerMatch.Typo },
        { "Kyrgyzstan", "", "Kirgizstan", AnswerMatch.Typo },
        { "Kyrgyzstan", "", "Kyrgzystan", AnswerMatch.Typo },
        { "Tajikistan", "", "Tadjikistan", AnswerMatch.Typo },
        { "Türkiye", "", "Turkiye", AnswerMatch.Exact },
        { "İstanbul", "", "istanbul", AnswerMatch.Exact },
        { "Istanbul", "", "ıstanbul", AnswerMatch.Exact },
        { "Bishkek", "", "Bishkek", AnswerMatch.Exact },
        { "Bishkek", "", "Bishkke", AnswerMatch.Typo },
        { "Russia & Belarus", "", "Russia and Belarus", AnswerMatch.Exact },
        { "Russia and Belarus", "", "russia & belarus", AnswerMatch.Exact },
        { "Shanghai Cooperation Organisation", "SCO", "Shanghai Co-operation Organisation", AnswerMatch.Typo },
    };

    public static TheoryData<string, string, string> Rejected => new()
    {
        // expected answer, aliases, typed
        { "chair", "", "air" },
        { "Kant", "", "Kan" },
        { "Kant", "", "Kent" },
        { "Kant", "", "Kants" },
        { "Kant", "", "" },
        { "Kant", "", "   " },
        { "Kant", "", "?!." },
        { "Osh", "", "Gosh" },
        { "2012", "", "2019" },
        { "2012", "", "2011" },
        { "1,300", "", "130" },
        { "1,300", "", "13000" },
        { "1,300", "", "1.300" },
        { "70", "", "700" },
        { "Kyrgyzstan", "", "Kyrgyz" },
        { "Kyrgyzstan", "", "Kazakhstan" },
        { "Kyrgyzstan", "", "Uzbekistan" },
        { "Tajikistan", "", "Tajik" },
        { "Russia", "", "Prussia" },
        { "Russia", "", "Russian Federation" },
        { "Austria", "", "Australia" },
        { "Armenia", "", "Romania" },
        { "Bishkek", "", "Bishkek Osh" },
        { "Bishkek", "", "not Bishkek" },
        { "Bishkek", "", "Bishk" },
        { "Japarov", "", "Putin" },
        { "Collective Security Treaty Organization", "CSTO", "CST" },
        { "Collective Security Treaty Organization", "CSTO", "SCTO" },
        { "Collective Security Treaty Organization", "CSTO", "Collective Security" },
        { "Collective Security Treaty Organization", "CSTO", "Collective Security Treaty" },
        { "Shanghai Cooperation Organisation", "SCO", "SCTO" },
        { "Kant airbase", "", "Kant" },
        { "Kant", "Kant airbase", "airbase" },
        { "Tashkent", "", "Kent" },
        { "Tashkent", "", "Tash" },
        { "Iran", "", "Iraq" },
        { "Dushanbe", "", "Dushanbe 201" },
        { "201st", "", "210st" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepts(string answer, string aliases, string typed, AnswerMatch expected)
    {
        var verdict = AnswerJudge.JudgeTyped(Typed(answer, aliases), typed);
        Assert.Equal(expected, verdict.Match);
        Assert.Equal(expected != AnswerMatch.Wrong, verdict.IsCorrect);
        Assert.Equal(answer, verdict.CanonicalAnswer);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects(string answer, string aliases, string typed)
    {
        var verdict = AnswerJudge.JudgeTyped(Typed(answer, aliases), typed);
        Assert.False(verdict.IsCorrect, $"'{typed}' must not match '{answer}'");
        Assert.Equal(answer, verdict.CanonicalAnswer);
    }

    [Fact]
    public void The_table_has_at_least_forty_cases_and_more_rejections_than_acceptances()
    {
        Assert.True(Accepted.Count + Rejected.Count >= 40);
        Assert.True(Rejected.Count >= Accepted.Count);
    }

    internal static Question Typed(string answer, string aliases = "") => new(
        "q",
        "f",
        QuestionKind.Typed,
        "prompt",
        answer,
        [],
        aliases.Split('|', StringSplitOptions.RemoveEmptyEntries),
        "explanation");
}

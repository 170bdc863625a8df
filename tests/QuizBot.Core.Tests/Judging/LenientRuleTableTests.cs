using QuizBot.Core.Decks;
using QuizBot.Core.Judging;

namespace QuizBot.Core.Tests.Judging;

/// <summary>
/// One table per lenient rule: the forms of a right answer it accepts, and the look-alike wrong answers it
/// must still reject. Columns: prompt, answer, aliases ("|" separated), typed[, expected verdict]. Where a
/// preposition comes before another rule's form ("in April 2023"), the verdict names the other rule.
/// </summary>
public sealed class LenientRuleTableTests
{
    private const string WhichOrganisation = "Name the organisation through which military cooperation was provided.";
    private const string OrganisationBlank = "The Kremlin's most important tool is the ____.";
    private const string CstoFull = "Collective Security Treaty Organization";

    public static TheoryData<string, string, string, string, AnswerMatch> Brackets => new()
    {
        { WhichOrganisation, "CSTO", CstoFull, "Collective Security Treaty Organization (CSTO)", AnswerMatch.Parenthetical },
        { WhichOrganisation, "CSTO", CstoFull, "CSTO (Collective Security Treaty Organization)", AnswerMatch.Parenthetical },
        { WhichOrganisation, "CSTO", CstoFull, "the Collective Security Treaty Organization (CSTO).", AnswerMatch.Parenthetical },
        { WhichOrganisation, "CSTO", CstoFull, "CSTO (Collective Security Treaty Organisation)", AnswerMatch.Typo },
        // The acronym is read off a right name, never the other way round.
        { WhichOrganisation, CstoFull, "", "Collective Security Treaty Organization (CSTO)", AnswerMatch.Parenthetical },
        { WhichOrganisation, CstoFull, "", "CSTO (Collective Security Treaty Organization)", AnswerMatch.Parenthetical },
        { WhichOrganisation, "Collective Security Treaty Organization (CSTO)", "", "CSTO", AnswerMatch.Parenthetical },
        { WhichOrganisation, "Collective Security Treaty Organization (CSTO)", "", "collective security treaty organization", AnswerMatch.Parenthetical },
        { "Which body has its airbase in Kant?", "Collective Rapid Reaction Forces", "", "Collective Rapid Reaction Forces (CRRF)", AnswerMatch.Parenthetical },
    };

    public static TheoryData<string, string, string, string> BracketsWrong => new()
    {
        { WhichOrganisation, "CSTO", CstoFull, "Shanghai Cooperation Organization (SCO)" },
        { WhichOrganisation, "CSTO", CstoFull, "SCO (Collective Security Treaty Organization)" },
        { WhichOrganisation, "CSTO", CstoFull, "Collective Security Treaty Organization (SCTO)" },
        { WhichOrganisation, "CSTO", "", "Central Security Trade Organization (CSTO)" },
        { WhichOrganisation, CstoFull, "", "CSTO" },
        { WhichOrganisation, "CSTO", CstoFull, "CSTO (NATO)" },
        { WhichOrganisation, "Collective Security Treaty Organization (CSTO)", "", "SCO" },
        { WhichOrganisation, "Collective Security Treaty Organization (CSTO)", "", "Collective Security" },
    };

    public static TheoryData<string, string, string, string, AnswerMatch> DottedAcronyms => new()
    {
        { OrganisationBlank, "CSTO", "", "C.S.T.O.", AnswerMatch.DottedAcronym },
        { OrganisationBlank, "CSTO", "", "c. s. t. o.", AnswerMatch.DottedAcronym },
        { OrganisationBlank, "CSTO", "", "the C.S.T.O", AnswerMatch.DottedAcronym },
        { OrganisationBlank, "CSTO", "", "C S T O", AnswerMatch.DottedAcronym },
        { "From which country did the US withdraw?", "USA", "", "U.S.A.", AnswerMatch.DottedAcronym },
    };

    public static TheoryData<string, string, string, string> DottedAcronymsWrong => new()
    {
        { OrganisationBlank, "CSTO", "", "S.C.T.O." },
        { OrganisationBlank, "CSTO", "", "C.S.T." },
        { OrganisationBlank, "CSTO", "", "C.S.T.O.S." },
        { OrganisationBlank, "CSTO", "", "C.S.O." },
        { OrganisationBlank, "SCO", "", "S.C.T.O." },
    };

    public static TheoryData<string, string, string, string, AnswerMatch> Prepositions => new()
    {
        { "In which year were the facilities united?", "2012", "", "in 2012", AnswerMatch.LeadingPreposition },
        { "In which month of 2023 was the exercise held?", "February", "", "in February", AnswerMatch.LeadingPreposition },
        { "Where is the airbase?", "Kant", "", "in Kant", AnswerMatch.LeadingPreposition },
        { "Where is the airbase?", "Kant", "", "At Kant.", AnswerMatch.LeadingPreposition },
        { "Where is the naval facility?", "Issyk-Kul", "", "in Issyk Kul", AnswerMatch.LeadingPreposition },
        { "On whose territory?", "Kyrgyzstan", "Kyrgyz Republic", "in the Kyrgyz Republic", AnswerMatch.LeadingPreposition },
        { OrganisationBlank, "CSTO", "", "the CSTO", AnswerMatch.Exact },
        { "From which country did the US withdraw?", "Afghanistan", "", "from Afghanistan", AnswerMatch.LeadingPreposition },
        { WhichOrganisation, "CSTO", "", "through the CSTO", AnswerMatch.LeadingPreposition },
        { "Where is the airbase?", "Kant", "", "in Knat", AnswerMatch.Wrong },
        { "Which country hosts the base?", "Kyrgyzstan", "", "in Kyrgzystan", AnswerMatch.Typo },
        { "When did they meet?", "May 8, 2023", "", "on May 8, 2023", AnswerMatch.LeadingPreposition },
    };

    public static TheoryData<string, string, string, string> PrepositionsWrong => new()
    {
        { "In which year were the facilities united?", "2012", "", "in 2019" },
        { "In which year were the facilities united?", "2012", "", "by 2012" },
        { "In which year were the facilities united?", "2012", "", "since 2012" },
        { "In which year were the facilities united?", "2012", "", "before 2012" },
        { "Where is the airbase?", "Kant", "", "near Kant" },
        { "Where is the airbase?", "Kant", "", "from Kant" },
        { "Where is the airbase?", "Kant", "", "in Osh" },
        { "Where is the airbase?", "Kant", "", "in Kant and Osh" },
        { "Where is the airbase?", "Kant", "", "in" },
        { "In which month of 2023 was the exercise held?", "February", "", "in March" },
        { "Russia has ____ ties with the Central Asian countries.", "strong", "", "in strong" },
    };

    public static TheoryData<string, string, string, string, AnswerMatch> Dates => new()
    {
        // A year answer: the fuller date only when the question names that month (and day).
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "May 8, 2023", AnswerMatch.DateForm },
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "8 May 2023", AnswerMatch.DateForm },
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "on the 8th of May 2023", AnswerMatch.DateForm },
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "May 2023", AnswerMatch.DateForm },
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "2023-05-08", AnswerMatch.DateForm },
        // A month answer: the month and year when the prompt gives the year.
        { "In which month of 2023 did the leaders talk by phone?", "April", "", "April 2023", AnswerMatch.DateForm },
        { "In which month of 2023 did the leaders talk by phone?", "April", "", "Apr", AnswerMatch.DateForm },
        { "In which month of 2023 did the leaders talk by phone?", "April", "", "in April 2023", AnswerMatch.DateForm },
        { "In ____ 2022, it was stated that regiments would be supplied.", "January", "", "January 2022", AnswerMatch.DateForm },
        { "In which month was the exercise held?", "February 2023", "", "Feb 2023", AnswerMatch.DateForm },
        { "In which month was the exercise held?", "September", "", "Sept", AnswerMatch.DateForm },
        { "When did Putin and Japarov meet?", "May 8, 2023", "", "8 May 2023", AnswerMatch.DateForm },
        { "When did Putin and Japarov meet?", "May 8, 2023", "", "the 8th of May, 2023", AnswerMatch.DateForm },
    };

    public static TheoryData<string, string, string, string> DatesWrong => new()
    {
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "May 8, 2022" },
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "March 2023" },
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "May 9, 2023" },
        { "In which year did Putin and Japarov come together on May 8?", "2023", "", "May 8" },
        { "In which year were the facilities united?", "2012", "", "June 2012" },
        { "In which year were the facilities united?", "2012", "", "2019" },
        { "In which month of 2023 did the leaders talk by phone?", "April", "", "April 2022" },
        { "In which month of 2023 did the leaders talk by phone?", "April", "", "May 2023" },
        { "In which month of 2023 did the leaders talk by phone?", "April", "", "April 8, 2023" },
        { "After the 2019 agreement, in which month of 2023 did they talk?", "April", "", "April 2019" },
        { "In which month did the leaders talk by phone?", "April", "", "April 2023" },
        // The day is what a full-date answer asks for: month and year, or the year, are not enough.
        { "When did Putin and Japarov meet?", "May 8, 2023", "", "May 2023" },
        { "On which day did Putin and Japarov meet?", "May 8, 2023", "", "May 2023" },
        { "When did Putin and Japarov meet?", "May 8, 2023", "", "2023" },
        { "When did Putin and Japarov meet?", "May 8, 2023", "", "May 8" },
        { "When did Putin and Japarov meet?", "May 8, 2023", "", "8 May 2022" },
        { "When did Putin and Japarov meet?", "May 8, 2023", "", "2023-08-05" },
        { "How many pieces were to be supplied?", "1,300", "", "1300 2023" },
        { "In ____ 2022, it was stated that regiments would be supplied.", "January", "", "Janu" },
        { "In ____ 2022, it was stated that regiments would be supplied.", "January", "", "Ja" },
        { "In ____ 2022, it was stated that regiments would be supplied.", "January", "", "June 2022" },
    };

    public static TheoryData<string, string, string, string, AnswerMatch> People => new()
    {
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "President Putin", AnswerMatch.PersonName },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "", "President Putin", AnswerMatch.PersonName },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "President Vladimir Putin", AnswerMatch.PersonName },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "Mr. Putin", AnswerMatch.PersonName },
        { "Who met Putin on May 8, 2023?", "Japarov", "", "President Japarov", AnswerMatch.PersonName },
        { "On May 8, 2023, Russian President Vladimir Putin and Kyrgyz President Sadyr ____ came together.", "Japarov", "", "Sadyr Japarov", AnswerMatch.PersonName },
        { "Which Russian leader's visit produced the agreement?", "Putin", "", "Vladimir Putin", AnswerMatch.Wrong },
        { "Which Russian leader's visit produced the agreement? (Russian President Vladimir Putin)", "Putin", "", "Vladimir Putin", AnswerMatch.PersonName },
        { "Which Russian leader's visit produced the agreement?", "Putin", "Vladimir Putin", "V. Putin", AnswerMatch.PersonName },
        { "Which Russian leader's visit produced the agreement?", "Putin", "Vladimir Putin", "President Vladimir Putin", AnswerMatch.PersonName },
    };

    public static TheoryData<string, string, string, string> PeopleWrong => new()
    {
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "President Japarov" },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "President Medvedev" },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "Dmitry Putin" },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "Vladimir" },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "President Vladimir" },
        { "Who met Putin on May 8, 2023?", "Japarov", "", "Vladimir Japarov" },
        { "Who met Putin on May 8, 2023?", "Japarov", "", "President Putin" },
        { "Who met Putin on May 8, 2023?", "Sadyr Japarov", "Japarov", "S. Putin" },
        { "Which Russian leader's visit produced the agreement?", "Putin", "Vladimir Putin", "D. Putin" },
        { "Where is the airbase?", "Kant", "", "President Kant" },
        { "Which Russian president met Japarov on May 8, 2023?", "Vladimir Putin", "Putin", "Kyrgyz President Putin" },
    };

    public static TheoryData<string, string, string, string, AnswerMatch> Possessives => new()
    {
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "Kyrgyzstan's", AnswerMatch.Possessive },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "the Kyrgyz Republic's", AnswerMatch.Possessive },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "Kyrgyzstan's territory", AnswerMatch.Possessive },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "", "Kyrgyz territory", AnswerMatch.Possessive },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "", "on Kyrgyzstan's territory", AnswerMatch.Possessive },
        { "The CSTO is whose most important tool?", "The Kremlin's", "", "the Kremlin", AnswerMatch.Possessive },
        { "The CSTO is whose most important tool?", "The Kremlin", "", "Kremlin's", AnswerMatch.Possessive },
        { "Whose military capabilities does Moscow influence?", "Bishkek", "", "Bishkek’s", AnswerMatch.Possessive },
    };

    public static TheoryData<string, string, string, string> PossessivesWrong => new()
    {
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "Kazakhstan's" },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "Tajikistan's territory" },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "Kazakh territory" },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "Kyrgyz" },
        { "On whose territory did the Kremlin emphasize developing Russian military facilities?", "Kyrgyzstan", "Kyrgyz Republic", "Russia's" },
        { "Which country hosts the base?", "Kyrgyzstan", "", "Kyrgyzstan's" },
        { "Which country hosts the base?", "Kyrgyzstan", "", "Kyrgyz territory" },
        { "The CSTO is whose most important tool?", "The Kremlin's", "", "the West's" },
    };

    /// <summary>The "never" list: numbers, places of a list, parts of words, neighbours, however the rules combine.</summary>
    public static TheoryData<string, string, string, string> Never => new()
    {
        { "In which year were the facilities united?", "2012", "", "2019" },
        { "In which year were the facilities united?", "2012", "", "in 2019" },
        { "In which year were the facilities united?", "2012", "", "May 2019" },
        { "How many pieces of weapons?", "1,300", "", "70" },
        { "How many pieces of weapons?", "1,300", "", "more than 70" },
        { "How many pieces of weapons?", "1,300", "", "in 1300s" },
        { "How many pieces of weapons?", "70", "", "1,300" },
        { "Besides Kyrgyzstan, which country's bases were to receive the weapons?", "Tajikistan", "", "Kyrgyzstan" },
        { "Besides Kyrgyzstan, which country's bases were to receive the weapons?", "Tajikistan", "", "Tajikistan and Kyrgyzstan" },
        { "Besides Kyrgyzstan, which country's bases were to receive the weapons?", "Tajikistan", "", "in Kyrgyzstan" },
        { "Where is the airbase?", "Kant", "", "Kant, Issyk-Kul" },
        { "Where is the airbase?", "Kant", "", "Issyk-Kul" },
        { "Where is the airbase?", "Kant", "", "in Kantemir" },
        { "Where is the naval facility?", "Issyk-Kul", "", "Kul" },
        { "Where is the naval facility?", "Issyk-Kul", "", "in Issyk" },
        { "Which country hosts the base?", "Kyrgyzstan", "", "Kyrgyz" },
        { "Which country hosts the base?", "Kyrgyzstan", "", "in Kazakhstan" },
        { "Which country hosts the base?", "Kyrgyzstan", "", "the Tajikistan" },
        { "Near Kyrgyzstan's border with which country is Chaldybar?", "Kazakhstan", "", "Uzbekistan" },
        { "Near Kyrgyzstan's border with which country is Chaldybar?", "Kazakhstan", "", "with China" },
        { "Near Kyrgyzstan's border with which country is Chaldybar?", "Kazakhstan", "", "Kazakh" },
        { "From which country did the US withdraw?", "Afghanistan", "", "from Afghan" },
        { "From which country did the US withdraw?", "Afghanistan", "", "Pakistan" },
    };

    [Theory]
    [MemberData(nameof(Brackets))]
    [MemberData(nameof(DottedAcronyms))]
    [MemberData(nameof(Prepositions))]
    [MemberData(nameof(Dates))]
    [MemberData(nameof(People))]
    [MemberData(nameof(Possessives))]
    public void Judges(string prompt, string answer, string aliases, string typed, AnswerMatch expected)
    {
        var verdict = AnswerJudge.JudgeTyped(Question(prompt, answer, aliases), typed);

        Assert.Equal(expected, verdict.Match);
        Assert.Equal(answer, verdict.CanonicalAnswer);
    }

    [Theory]
    [MemberData(nameof(BracketsWrong))]
    [MemberData(nameof(DottedAcronymsWrong))]
    [MemberData(nameof(PrepositionsWrong))]
    [MemberData(nameof(DatesWrong))]
    [MemberData(nameof(PeopleWrong))]
    [MemberData(nameof(PossessivesWrong))]
    [MemberData(nameof(Never))]
    public void Rejects(string prompt, string answer, string aliases, string typed)
    {
        var verdict = AnswerJudge.JudgeTyped(Question(prompt, answer, aliases), typed);

        Assert.False(verdict.IsCorrect, $"'{typed}' must not match '{answer}' (judged {verdict.Match})");
    }

    [Fact]
    public void A_date_in_the_explanation_does_not_confirm_an_extra_day()
    {
        // The explanation dates the report, not the statement the blank asks about; the student has not seen it yet.
        var question = Question("It was stated in ____ 2022 that weapons would be supplied.", "January", "") with
        {
            Explanation = "The report of footnote [6] is dated 25 January 2022.",
        };

        Assert.Equal(AnswerMatch.DateForm, AnswerJudge.JudgeTyped(question, "January 2022").Match);
        Assert.Equal(AnswerMatch.Wrong, AnswerJudge.JudgeTyped(question, "25 January 2022").Match);
    }

    private static Question Question(string prompt, string answer, string aliases) => new(
        "q",
        "f",
        prompt.Contains("____", StringComparison.Ordinal) ? QuestionKind.FillBlank : QuestionKind.Typed,
        prompt,
        answer,
        [],
        aliases.Split('|', StringSplitOptions.RemoveEmptyEntries),
        "explanation");
}

namespace QuizBot.Core.Judging;

/// <summary>How a typed answer or a choice was judged: wrong, or right and why.</summary>
public enum AnswerMatch
{
    /// <summary>Nothing usable was typed; judged wrong.</summary>
    Empty,

    /// <summary>A choice index outside the presented choices; not an answer at all.</summary>
    InvalidChoice,

    Wrong,

    /// <summary>The canonical answer (or the right choice), after normalisation.</summary>
    Exact,

    /// <summary>One of the question's accepted aliases, after normalisation.</summary>
    Alias,

    /// <summary>Within the allowed typos of the canonical answer or an alias (after any rule below).</summary>
    Typo,

    /// <summary>A name with its acronym in brackets, either way round ("CSTO (Collective Security Treaty Organization)"), or one part of a bracketed answer.</summary>
    Parenthetical,

    /// <summary>An acronym written with dots or spaces ("C.S.T.O.").</summary>
    DottedAcronym,

    /// <summary>A leading preposition on a date, a place or a name ("in 2012", "in Kant", "through the CSTO").</summary>
    LeadingPreposition,

    /// <summary>A fuller date that agrees with the answer, its extra parts given by the question ("May 8, 2023" for 2023 asked "on May 8").</summary>
    DateForm,

    /// <summary>A person's title or first name added ("President Putin", "Vladimir Putin" for Putin).</summary>
    PersonName,

    /// <summary>A possessive or adjectival form where the prompt asks "whose" ("Kyrgyzstan's", "Kyrgyz territory").</summary>
    Possessive,
}

/// <summary>A judgement, with the canonical answer to show whatever the outcome.</summary>
public sealed record AnswerVerdict(AnswerMatch Match, string CanonicalAnswer)
{
    public bool IsCorrect => Match is not (AnswerMatch.Empty or AnswerMatch.InvalidChoice or AnswerMatch.Wrong);
}

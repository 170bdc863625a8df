namespace QuizBot.Core.Judging;

/// <summary>How a typed answer or a choice was judged.</summary>
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

    /// <summary>Within the allowed typos of the canonical answer or an alias.</summary>
    Typo,
}

/// <summary>A judgement, with the canonical answer to show whatever the outcome.</summary>
public sealed record AnswerVerdict(AnswerMatch Match, string CanonicalAnswer)
{
    public bool IsCorrect => Match is AnswerMatch.Exact or AnswerMatch.Alias or AnswerMatch.Typo;
}

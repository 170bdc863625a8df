namespace QuizBot.Core.Decks;

/// <summary>
/// One line of a fact's citation, e.g.
/// <c>Source [4] — "Bishkek, Moscow Agree to Expand Russian Base in Kyrgyzstan", RFE/RL (accessed 09.05.2023)</c>,
/// with the source's link kept apart so a view can make it clickable. <see cref="Footnote"/> is null when the
/// fact cites the article itself.
/// </summary>
public sealed record Citation(int? Footnote, string Text, string? Url);

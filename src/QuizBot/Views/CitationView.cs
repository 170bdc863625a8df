using QuizBot.Core.Decks;

namespace QuizBot.Views;

/// <summary>
/// The citation block shown with every reveal and card back: each line exactly as
/// <c>Source [N] — "Title", Publisher (accessed DD.MM.YYYY)</c>, followed by its link.
/// </summary>
public static class CitationView
{
    public static string Render(IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        return string.Join('\n', citations.Select(c => c.Url is null ? c.Text : $"{c.Text}\n🔗 {c.Url}"));
    }
}

using System.Globalization;
using System.Text;

namespace QuizBot.Interactions;

/// <summary>
/// Text a client chose (a custom_id, a route) made fit for one log line: anything that could forge a line or hide
/// text (control, format and separator characters, lone surrogates) becomes '?', and it is cut to a bound with its
/// real length noted, so a hostile request cannot flood or rewrite the log.
/// </summary>
public static class LogSafe
{
    /// <summary>Discord's own limit for a custom_id; anything longer is forged anyway.</summary>
    public const int MaxLength = CustomId.MaxLength;

    public static string Cut(string? text, int maxLength = MaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (string.IsNullOrEmpty(text))
        {
            return "(none)";
        }

        var kept = Math.Min(text.Length, maxLength);
        var builder = new StringBuilder(kept + 24);
        for (var i = 0; i < kept; i++)
        {
            builder.Append(IsSafe(text[i]) ? text[i] : '?');
        }

        if (text.Length > maxLength)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} chars)");
        }

        return builder.ToString();
    }

    private static bool IsSafe(char c) => char.GetUnicodeCategory(c) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);
}

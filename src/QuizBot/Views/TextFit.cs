using System.Text;

namespace QuizBot.Views;

/// <summary>Keeps text inside Discord's limits and safe to show in markdown.</summary>
public static class TextFit
{
    /// <summary>The text cut to <paramref name="max"/> characters, ending in an ellipsis when cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        // Never split a surrogate pair (an emoji) in half.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    /// <summary>Escapes markdown in names people chose, so "*Bob*" shows as typed and cannot break the layout.</summary>
    public static string EscapeMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '[' or ']' or '(' or ')' or '#' or '-' or '@')
            {
                builder.Append('\\');
            }

            builder.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>A bar of <paramref name="width"/> cells, filled in proportion to done/total.</summary>
    public static string Bar(int done, int total, int width = 10)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round((double)Math.Clamp(done, 0, total) / total * width, MidpointRounding.AwayFromZero);
        return new string('▰', filled) + new string('▱', width - filled);
    }

    public static string Percent(double ratio) => $"{Math.Round(ratio * 100, MidpointRounding.AwayFromZero):0}%";

    /// <summary>Discord's timestamp markdown, shown in each reader's own time zone.</summary>
    public static string Timestamp(DateTimeOffset at, char style = 'R') => $"<t:{at.ToUnixTimeSeconds()}:{style}>";
}

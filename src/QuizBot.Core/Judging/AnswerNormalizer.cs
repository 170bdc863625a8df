using System.Text;
using System.Text.RegularExpressions;

namespace QuizBot.Core.Judging;

/// <summary>
/// Brings a typed answer to a canonical form for comparison: lower case, no diacritics (Turkish dotted and
/// dotless i included), "&amp;" read as "and", thousands separators dropped ("1,300" and "1 300" become "1300"),
/// other punctuation as spaces, whitespace collapsed, and a leading article ("the", "a", "an") dropped.
/// </summary>
public static partial class AnswerNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = LetterFolding.Fold(text);
        folded = ThousandsSeparator().Replace(folded, string.Empty);

        var builder = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (c == '&')
            {
                builder.Append(" and ");
            }
            else if (c is '.' or ',' && IsBetweenDigits(folded, i))
            {
                // A decimal point stays, so "1.5" is not "15"; a decimal comma reads as a point.
                builder.Append('.');
            }
            else
            {
                builder.Append(' ');
            }
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length > 1 && words[0] is "the" or "a" or "an" ? 1 : 0;
        return string.Join(' ', words.Skip(start));
    }

    private static bool IsBetweenDigits(string text, int index) =>
        index > 0 && index < text.Length - 1 && char.IsDigit(text[index - 1]) && char.IsDigit(text[index + 1]);

    // A comma, space, apostrophe or narrow/no-break space between a digit and exactly three digits.
    [GeneratedRegex(@"(?<=\d)[,'’\u00A0\u202F ](?=\d{3}(?!\d))", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsSeparator();
}

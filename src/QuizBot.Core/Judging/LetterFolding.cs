using System.Text;

namespace QuizBot.Core.Judging;

/// <summary>
/// Lower-cases and strips diacritics from Latin letters without the ICU data that invariant globalization
/// leaves out (string.Normalize does nothing there). Tables map Latin-1 Supplement, Latin Extended-A/B and
/// Latin Extended Additional to their base letters; combining marks are dropped.
/// </summary>
internal static class LetterFolding
{
    // Base letter for U+00C0..U+024F; '.' means "no single base letter" (kept as is, or see MultiLetter).
    private const string LatinFrom00C0 =
        "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkklllllll" +
        "lllnnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs" +
        "................................oo.............uu..............." +
        ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...." +
        "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............" +
        "................";

    // Base letter for U+1E00..U+1EFF (Vietnamese and other stacked accents).
    private const string LatinFrom1E00 =
        "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm" +
        "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv" +
        "wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee" +
        "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue;
            }

            var multi = MultiLetter(c);
            if (multi is not null)
            {
                builder.Append(multi);
                continue;
            }

            builder.Append(BaseLetter(c) ?? char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static char? BaseLetter(char c)
    {
        var mapped = c switch
        {
            >= '\u00C0' and <= '\u024F' => LatinFrom00C0[c - 0x00C0],
            >= '\u1E00' and <= '\u1EFF' => LatinFrom1E00[c - 0x1E00],
            _ => '.',
        };
        return mapped == '.' ? null : mapped;
    }

    private static string? MultiLetter(char c) => c switch
    {
        'ß' or 'ẞ' => "ss",
        'Æ' or 'æ' => "ae",
        'Œ' or 'œ' => "oe",
        'Þ' or 'þ' => "th",
        'Ĳ' or 'ĳ' => "ij",
        _ => null,
    };
}

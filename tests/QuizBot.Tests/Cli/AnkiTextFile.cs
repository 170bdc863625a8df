namespace QuizBot.Tests.Cli;

/// <summary>
/// Reads a text file the way Anki's importer documents it: leading "#key:value" header lines (separator by name or
/// as a character, html, notetype, the 1-based columns of the GUID, deck and tags, and the column names), then one
/// note per line, its columns split on the separator. The columns left over, in order, are the note type's fields.
/// </summary>
internal sealed record AnkiTextFile(char Separator, bool Html, string? NoteType, IReadOnlyList<string> ColumnNames, IReadOnlyList<AnkiNote> Notes)
{
    public static AnkiTextFile Parse(string text)
    {
        var lines = text.Split('\n');
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        for (; index < lines.Length && lines[index].StartsWith('#'); index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 1, $"header line without a value: {lines[index]}");
            Assert.True(headers.TryAdd(lines[index][1..colon], lines[index][(colon + 1)..]), $"header given twice: {lines[index]}");
        }

        var known = new[] { "separator", "html", "notetype", "deck", "tags", "columns", "guid column", "deck column", "tags column", "notetype column" };
        Assert.All(headers.Keys, key => Assert.Contains(key, known));
        var separator = headers["separator"].ToLowerInvariant() switch
        {
            "tab" => '\t',
            "comma" => ',',
            "semicolon" => ';',
            "space" => ' ',
            "pipe" => '|',
            "colon" => ':',
            var literal => Assert.Single(literal),
        };
        var columns = headers["columns"].Split(separator);
        var guidColumn = int.Parse(headers["guid column"], System.Globalization.CultureInfo.InvariantCulture) - 1;
        var deckColumn = int.Parse(headers["deck column"], System.Globalization.CultureInfo.InvariantCulture) - 1;
        var tagsColumn = int.Parse(headers["tags column"], System.Globalization.CultureInfo.InvariantCulture) - 1;
        var notes = new List<AnkiNote>();
        foreach (var line in lines[index..].Where(l => l.Length > 0))
        {
            var cells = line.Split(separator);
            Assert.Equal(columns.Length, cells.Length);
            var fields = cells.Where((_, i) => i != guidColumn && i != deckColumn && i != tagsColumn).ToList();
            notes.Add(new AnkiNote(cells[guidColumn], cells[deckColumn], fields, cells[tagsColumn].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        return new AnkiTextFile(separator, headers.TryGetValue("html", out var html) && html == "true", headers.GetValueOrDefault("notetype"), columns, notes);
    }
}

internal sealed record AnkiNote(string Guid, string Deck, IReadOnlyList<string> Fields, IReadOnlyList<string> Tags);

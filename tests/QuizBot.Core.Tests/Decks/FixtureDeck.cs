using QuizBot.Core.Decks;

namespace QuizBot.Core.Tests.Decks;

/// <summary>
/// A private, editable copy of the tiny-lake fixture deck in a temp folder. Tests break one rule by editing
/// its text and learn the line they edited, so they can assert the exact file:line a problem names.
/// </summary>
internal sealed class FixtureDeck : IDisposable
{
    public const string Name = "tiny-lake";

    public FixtureDeck()
    {
        Root = Path.Combine(Path.GetTempPath(), "quizbot-deck-tests", Guid.NewGuid().ToString("N"));
        Dir = Path.Combine(Root, Name);
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "Fixtures", Name), Dir);
    }

    /// <summary>The content folder holding the deck.</summary>
    public string Root { get; }

    public string Dir { get; }

    public DeckLoadResult Load() => DeckLoader.LoadDeck(Dir);

    public string Read(string file) => File.ReadAllText(Path.Combine(Dir, file));

    public void Write(string file, string text)
    {
        var path = Path.Combine(Dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Replaces the one occurrence of <paramref name="oldText"/> and returns the 1-based line it starts on.</summary>
    public int Replace(string file, string oldText, string newText)
    {
        var text = Read(file);
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' not in {file}");
        Assert.Equal(at, text.LastIndexOf(oldText, StringComparison.Ordinal));
        Write(file, string.Concat(text.AsSpan(0, at), newText, text.AsSpan(at + oldText.Length)));
        return LineAt(text, at);
    }

    /// <summary>The 1-based line on which the one occurrence of <paramref name="needle"/> starts.</summary>
    public int LineOf(string file, string needle)
    {
        var text = Read(file);
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{needle}' not in {file}");
        Assert.Equal(at, text.LastIndexOf(needle, StringComparison.Ordinal));
        return LineAt(text, at);
    }

    public static string PathOf(string file) => $"{Name}/{file}";

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}

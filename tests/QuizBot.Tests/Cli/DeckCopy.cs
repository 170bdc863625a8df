namespace QuizBot.Tests.Cli;

/// <summary>A copy of the real deck in a temp content folder, for tests that break or alter it.</summary>
internal sealed class DeckCopy : IDisposable
{
    public const string Name = "csto-central-asia";

    public DeckCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "quizbot-cli-tests", Guid.NewGuid().ToString("N"));
        Dir = Path.Combine(Root, Name);
        Copy(RepositoryPaths.FirstDeck, Dir);
    }

    public string Root { get; }

    public string Dir { get; }

    /// <summary>Rewrites the first line of <paramref name="file"/> that starts with <paramref name="prefix"/>; returns its 1-based number.</summary>
    public int EditFirstLine(string file, string prefix, Func<string, string> edit)
    {
        var path = Path.Combine(Dir, file);
        var lines = File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no line starting '{prefix}' in {file}");
        var edited = edit(lines[index]);
        Assert.NotEqual(lines[index], edited);
        lines[index] = edited;
        File.WriteAllLines(path, lines);
        return index + 1;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}

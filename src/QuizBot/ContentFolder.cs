namespace QuizBot;

/// <summary>
/// Where the decks live when no folder is given: <c>./content</c> when run from the repository (authors),
/// else the <c>content/</c> folder copied next to the binary (published builds, Docker).
/// </summary>
internal static class ContentFolder
{
    public const string Name = "content";

    public static string Resolve() => Resolve(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    public static string Resolve(string currentDirectory, string baseDirectory)
    {
        var local = Path.Combine(currentDirectory, Name);
        return Directory.Exists(local) ? local : Path.Combine(baseDirectory, Name);
    }
}

namespace QuizBot.Cli;

/// <summary>
/// How the user runs this program, so messages name a command that works: <c>quizbot</c> when installed as a
/// .NET tool, <c>dotnet run --project src/QuizBot --</c> from a clone of the repository, <c>dotnet quizbot.dll</c>
/// from a published folder (the Docker image).
/// </summary>
internal static class CommandName
{
    public const string Tool = "quizbot";
    public const string FromClone = "dotnet run --project src/QuizBot --";
    public const string Published = "dotnet quizbot.dll";

    public static string Current { get; } = Resolve(AppContext.BaseDirectory, Environment.ProcessPath);

    /// <summary>The command for a program whose files are in <paramref name="baseDirectory"/>, started as <paramref name="processPath"/>.</summary>
    public static string Resolve(string baseDirectory, string? processPath)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var folder = baseDirectory.Replace('\\', '/');

        // dotnet tool install lays a tool out under <tool path>/.store/<package>/<version>/...
        if (folder.Contains("/.store/", StringComparison.Ordinal))
        {
            return Tool;
        }

        // Built from the repository: bin/ under src/QuizBot, next to its project file.
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuizBot.csproj")) && dir.Parent?.Name == "src")
            {
                return FromClone;
            }
        }

        var host = Path.GetFileNameWithoutExtension(processPath ?? string.Empty);
        return string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase) ? Published : Tool;
    }
}

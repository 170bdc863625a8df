namespace QuizBot.Benchmarks;

/// <summary>Finds the repository from wherever BenchmarkDotNet runs the generated benchmark process.</summary>
internal static class BenchPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Content => Path.Combine(RepositoryRoot, "content");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Bot.sln above {AppContext.BaseDirectory}: run the benchmarks from the repository.");
    }
}

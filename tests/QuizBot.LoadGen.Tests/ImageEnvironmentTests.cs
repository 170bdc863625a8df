namespace QuizBot.LoadGen.Tests;

public sealed class ImageEnvironmentTests
{
    [Fact]
    public void The_bot_process_gets_the_runtime_variables_the_Docker_image_sets()
    {
        // The runtime stage's ENV instruction: its first line and every line continued with a backslash.
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "Dockerfile"));
        var first = Array.FindLastIndex(lines, line => line.StartsWith("ENV ", StringComparison.Ordinal));
        var last = first;
        while (lines[last].TrimEnd().EndsWith('\\'))
        {
            last++;
        }

        var env = string.Join('\n', lines[first..(last + 1)]);

        Assert.NotEmpty(BotProcess.ImageEnvironment);
        foreach (var (key, value) in BotProcess.ImageEnvironment)
        {
            Assert.Matches($@"\b{key}={value}\b", env);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}

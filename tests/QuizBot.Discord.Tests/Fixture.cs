namespace QuizBot.Discord.Tests;

/// <summary>Reads the JSON fixtures (our own payloads, shaped like the documented ones).</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}

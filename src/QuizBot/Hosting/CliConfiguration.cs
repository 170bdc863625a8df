using Microsoft.Extensions.Configuration;

namespace QuizBot.Hosting;

/// <summary>
/// The same configuration sources as the host (appsettings.json, user secrets, environment, then the
/// `--Section:Key=value` settings given on the command line), for the one-shot verbs.
/// </summary>
public static class CliConfiguration
{
    // Set for the length of one command-line invocation (an AsyncLocal, so parallel in-process tests stay apart).
    private static readonly AsyncLocal<IReadOnlyList<KeyValuePair<string, string?>>?> CommandLine = new();

    /// <summary>The settings given on the command line of the invocation in progress.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> CommandLineSettings
    {
        get => CommandLine.Value ?? [];
        set => CommandLine.Value = value;
    }

    public static IConfiguration Build(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(CommandLineSettings);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }
}

using Microsoft.Extensions.Configuration;

namespace QuizBot.Hosting;

/// <summary>The same configuration sources as the host (appsettings.json, user secrets, environment), for the one-shot verbs.</summary>
public static class CliConfiguration
{
    public static IConfiguration Build(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true)
            .AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }
}

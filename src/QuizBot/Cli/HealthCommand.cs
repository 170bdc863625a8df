using System.CommandLine;
using QuizBot.Hosting;

namespace QuizBot.Cli;

/// <summary>
/// `quizbot health`: GET /healthz/ready on the running bot (for Docker's HEALTHCHECK); exit 0 when ready (gateway
/// session up or HTTP endpoint serving, and the database open), 1 otherwise, with the bot's own account of why.
/// </summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "The address to check (default: http://127.0.0.1:<port of Http:Urls>/healthz/ready)." };
        var health = new Command("health", "Check that the running bot is ready: gateway session up (or HTTP endpoint serving) and database open.") { url };
        health.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(url) ?? DefaultUrl(CliConfiguration.Build()[BotSettings.HttpUrlsKey]);
            return await CheckAsync(target, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return health;
    }

    /// <summary>The loopback health address for the first of the configured URLs (any-address hosts become 127.0.0.1).</summary>
    public static string DefaultUrl(string? httpUrls)
    {
        var first = (httpUrls ?? BotSettings.DefaultHttpUrls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = 8080;
        if (first is not null && Uri.TryCreate(first.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            port = uri.Port;
        }

        return $"http://127.0.0.1:{port}{HealthEndpoints.ReadyPath}";
    }

    public static async Task<int> CheckAsync(string url, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            await error.WriteLineAsync($"unhealthy: '{url}' is not an address");
            return 1;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync("healthy");
                return 0;
            }

            var detail = (await response.Content.ReadAsStringAsync(cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await error.WriteLineAsync($"unhealthy: {uri} answered {(int)response.StatusCode}{(detail.Length > 1 ? $" ({string.Join("; ", detail.Skip(1))})" : string.Empty)}");
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"unhealthy: {uri} did not answer ({exception.GetType().Name})");
            return 1;
        }
    }
}

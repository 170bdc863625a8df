using System.CommandLine;
using QuizBot.Hosting;

namespace QuizBot.Cli;

/// <summary>`quizbot` and `quizbot run`: run the bot until stopped (SIGTERM or Ctrl+C stop it gracefully).</summary>
internal static class RunCommand
{
    public const string Description = "Run the bot (the default): over the Gateway with Discord:Token, or as an HTTP interactions endpoint with Discord:Mode=http.";

    public static Command Create()
    {
        var run = new Command("run", Description) { TreatUnmatchedTokensAsErrors = false };
        run.SetAction(RunAsync);
        return run;
    }

    /// <summary>The action shared by the root command and `run`. Unmatched tokens go to configuration (e.g. --Storage:Path=x).</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);

        // Extra tokens are configuration (--Section:Key=value); a bare word is a mistyped verb, not a setting.
        if (parse.UnmatchedTokens.FirstOrDefault() is { } stray && !stray.StartsWith('-'))
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(
                $"Unknown command '{stray}'. Run `quizbot --help` to list the commands; settings are given as --Section:Key=value.");
            return 2;
        }

        var start = BotHost.Prepare([.. parse.UnmatchedTokens]);
        if (start.App is not { } app)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(start.Error);
            return start.ExitCode;
        }

        await using (app)
        {
            try
            {
                await app.RunAsync();
            }
            catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Kestrel could not bind: say which setting to change instead of ending on a stack trace.
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"{BotSettings.HttpUrlsKey}: {exception.Message} Set {BotSettings.EnvName(BotSettings.HttpUrlsKey)} to a free address (e.g. http://0.0.0.0:8081).");
                return BotHost.ConfigurationErrorExitCode;
            }
        }

        return 0;
    }
}

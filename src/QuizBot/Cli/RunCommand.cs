using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuizBot.Hosting;

namespace QuizBot.Cli;

/// <summary>
/// `quizbot` and `quizbot run`: run the bot until stopped (SIGTERM or Ctrl+C stop it gracefully). Whatever ends
/// the run early ends it with one line on stderr and an exit code from <see cref="ExitCodes"/>.
/// </summary>
internal static class RunCommand
{
    public const string Description = "Run the bot (the default): over the Gateway with Discord:Token, or as an HTTP interactions endpoint with Discord:Mode=http.";

    public static Command Create()
    {
        var run = new Command("run", Description);
        run.SetAction(RunAsync);
        return run;
    }

    /// <summary>The action shared by the root command and `run`; settings come from <see cref="CliConfiguration.CommandLineSettings"/>.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var error = parse.InvocationConfiguration.Error;
        var start = BotHost.Prepare([], CliConfiguration.CommandLineSettings);
        if (start.App is not { } app)
        {
            await error.WriteLineAsync(start.Error);
            return start.ExitCode;
        }

        return await RunUntilStoppedAsync(app, error);
    }

    /// <summary>Runs a prepared host until it stops; the exit code, with one line on <paramref name="error"/> when it stopped early.</summary>
    internal static async Task<int> RunUntilStoppedAsync(WebApplication app, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);

        var gateway = app.Services.GetService<IGatewayStatus>();
        var background = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Asked to stop while still starting: a background service failed early (on a loaded machine the
                // gateway's 401 can come back before Kestrel has bound) or Ctrl+C came. The host cancels the rest of
                // its start; why it stopped, read below, decides the exit code, and what did start is stopped below.
            }
            catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Kestrel could not bind: say which setting to change instead of ending on a stack trace.
                await error.WriteLineAsync(
                    $"{BotSettings.HttpUrlsKey}: {exception.Message} Set {BotSettings.EnvName(BotSettings.HttpUrlsKey)} to a free address (e.g. http://127.0.0.1:8081).");
                return ExitCodes.Usage;
            }

            // Returns at once when the start was cut short; stops every service that started, as Run would.
            await app.WaitForShutdownAsync();
            if (StoppedEarly(gateway, background) is { } early)
            {
                await error.WriteLineAsync(early.Line);
                return early.ExitCode;
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Why the host stopped on its own, if it did: Discord refusing the bot, or a background service that failed.</summary>
    internal static (string Line, int ExitCode)? StoppedEarly(IGatewayStatus? gateway, IReadOnlyList<BackgroundService> background)
    {
        if (gateway?.Current is { State: GatewayState.StoppedFatally } stopped)
        {
            return ($"Stopped: {stopped.Reason} (exit code {ExitCodes.DiscordRefused})", ExitCodes.DiscordRefused);
        }

        var failed = background.FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
        if (failed is not null)
        {
            return ($"Stopped: {failed.GetType().Name} failed: {failed.ExecuteTask!.Exception?.InnerException?.Message} (exit code {ExitCodes.Failed})", ExitCodes.Failed);
        }

        return null;
    }
}

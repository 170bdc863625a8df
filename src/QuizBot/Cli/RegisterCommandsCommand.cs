using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuizBot.Commands;
using QuizBot.Discord;
using QuizBot.Discord.Rest;
using QuizBot.Hosting;

namespace QuizBot.Cli;

/// <summary>`quizbot register-commands [--guild ID]`: replace the application's slash commands with the bot's set.</summary>
internal static class RegisterCommandsCommand
{
    public static Command Create()
    {
        var guild = new Option<string?>("--guild") { Description = "Register in this guild only: effective at once, for development." };
        var register = new Command("register-commands", "Register the slash commands with Discord (one bulk overwrite).") { guild };
        register.SetAction(async (parse, cancellationToken) =>
            await RegisterAsync(CliConfiguration.Build(), parse.GetValue(guild), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return register;
    }

    public static async Task<int> RegisterAsync(IConfiguration configuration, string? guildText, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ulong? guildId = null;
        if (guildText is not null)
        {
            if (!ulong.TryParse(guildText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed == 0)
            {
                await error.WriteLineAsync($"--guild must be a guild's numeric id, not '{guildText}'.");
                return BotHost.ConfigurationErrorExitCode;
            }

            guildId = parsed;
        }

        // Registration always needs the token, whatever Discord:Mode the bot runs in.
        var settings = BotSettings.Read(new ConfigurationBuilder().AddConfiguration(configuration)
            .AddInMemoryCollection([new(BotSettings.ModeKey, "gateway")]).Build(), out var problem);
        if (settings is null)
        {
            await error.WriteLineAsync(problem);
            return BotHost.ConfigurationErrorExitCode;
        }

        if (settings.ApplicationId == 0)
        {
            await error.WriteLineAsync($"{BotSettings.ApplicationIdKey} is not set and the token does not carry it. Set the environment variable {BotSettings.EnvName(BotSettings.ApplicationIdKey)} to the application id from the Developer Portal.");
            return BotHost.ConfigurationErrorExitCode;
        }

        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning))
            .AddDiscordRest(options =>
            {
                options.Token = settings.Token;
                options.ApplicationId = settings.ApplicationId;
            });
        await using var provider = services.BuildServiceProvider();
        var rest = provider.GetRequiredService<IDiscordRestClient>();
        try
        {
            var registered = guildId is { } id
                ? await rest.BulkOverwriteGuildCommandsAsync(id, CommandCatalog.All, cancellationToken)
                : await rest.BulkOverwriteGlobalCommandsAsync(CommandCatalog.All, cancellationToken);
            var names = string.Join(", ", registered.Select(c => "/" + c.Name));
            await output.WriteLineAsync(guildId is { } g
                ? $"Registered {registered.Count} commands in guild {g}: {names}"
                : $"Registered {registered.Count} global commands: {names} (Discord may take a while to show changes everywhere).");
            return 0;
        }
        catch (DiscordApiException exception) when (exception.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            await error.WriteLineAsync($"Registration failed: Discord rejected the bot token (401). Check {BotSettings.EnvName(BotSettings.TokenKey)}.");
            return ExitCodes.DiscordRefused;
        }
        catch (Exception exception) when (exception is DiscordApiException or HttpRequestException)
        {
            await error.WriteLineAsync($"Registration failed: {exception.Message}");
            return 1;
        }
    }
}

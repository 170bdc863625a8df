using QuizBot.Hosting;

namespace QuizBot.Cli;

/// <summary>
/// The `--Section:Key=value` (or `--Section:Key value`) settings given after any verb, taken out of the arguments
/// before the verbs parse them, so every verb reads them through <see cref="CliConfiguration"/> and a verb's own
/// options stay strict. A key in one of the bot's own sections that the bot does not read is refused (a typo).
/// </summary>
internal sealed record CommandLineSettings(IReadOnlyList<string> Arguments, IReadOnlyList<KeyValuePair<string, string?>> Settings, string? Error)
{
    public static CommandLineSettings Extract(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var arguments = new List<string>(args.Count);
        var settings = new List<KeyValuePair<string, string?>>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                arguments.AddRange(args.Skip(i));
                break;
            }

            if (!IsSetting(token))
            {
                arguments.Add(token);
                continue;
            }

            var body = token[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            string key;
            string? value;
            if (equals >= 0)
            {
                key = body[..equals];
                value = body[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                key = body;
                value = args[++i];
            }
            else
            {
                return new CommandLineSettings(args, [], $"--{body} needs a value: --{body}=VALUE.");
            }

            if (Unknown(key) is { } problem)
            {
                return new CommandLineSettings(args, [], problem);
            }

            settings.Add(new KeyValuePair<string, string?>(key, value));
        }

        return new CommandLineSettings(arguments, settings, null);
    }

    /// <summary>A long option whose name has a ':' is a configuration key; the verbs' own options never have one.</summary>
    private static bool IsSetting(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2 && token.IndexOf(':', StringComparison.Ordinal) is var colon and > 2
        && (token.IndexOf('=', StringComparison.Ordinal) is var equals && (equals < 0 || colon < equals));

    private static string? Unknown(string key)
    {
        var section = key.Split(':')[0];
        if (!SettingsCatalog.Sections.Contains(section, StringComparer.OrdinalIgnoreCase)
            || SettingsCatalog.KnownKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var hint = Suggestions.DidYouMean(key, SettingsCatalog.KnownKeys);
        return $"Unknown setting '{key}'{(hint.Length == 0 ? "." : hint)} Run `{CommandName.Current} help` to list the settings.";
    }
}

namespace QuizBot.Hosting;

/// <summary>
/// The process exit codes, documented in the README for restart policies (systemd's RestartPreventExitStatus,
/// Kubernetes, Docker): only <see cref="DiscordRefused"/> and <see cref="Usage"/> mean "restarting will not help".
/// </summary>
public static class ExitCodes
{
    /// <summary>Done, or stopped by SIGTERM / Ctrl+C after a clean shutdown.</summary>
    public const int Ok = 0;

    /// <summary>The check failed: decks with problems, `health` not ready, a backup or registration that failed.</summary>
    public const int Failed = 1;

    /// <summary>A misspelt verb, option or setting, a missing or malformed setting, a port already in use.</summary>
    public const int Usage = 2;

    /// <summary>Discord refused the bot for good: a rejected token (gateway close 4004 or 401) or gateway close 4010–4014.</summary>
    public const int DiscordRefused = 3;

    /// <summary>A terminal game stopped with Ctrl+C (everything answered so far is saved); 128 + SIGINT, as shells do.</summary>
    public const int Interrupted = 130;
}

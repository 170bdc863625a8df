using System.Net;
using System.Net.Sockets;
using QuizBot.Discord.Testing;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Cli;

/// <summary>`quizbot` / `quizbot run` as a server admin meets it: mistakes end with one line and exit code 2.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task A_mistyped_verb_is_named_instead_of_starting_the_bot()
    {
        var run = await CliRun.AppAsync("plya");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Unknown command 'plya'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_in_use_is_reported_in_one_line_naming_the_setting()
    {
        using var folder = new TempFolder();
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var run = await CliRun.AppAsync(
            "run",
            "--Discord:Mode=http",
            $"--Discord:PublicKey={InteractionSigner.Create().PublicKeyHex}",
            "--Discord:ApplicationId=111",
            $"--Http:Urls=http://127.0.0.1:{port}",
            $"--Storage:Path={folder.File("bot.db")}");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("Http:Urls:", line, StringComparison.Ordinal);
        Assert.Contains("Http__Urls", line, StringComparison.Ordinal);
    }
}

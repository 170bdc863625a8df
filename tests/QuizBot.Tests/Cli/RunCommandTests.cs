using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using QuizBot.Cli;
using QuizBot.Discord.Testing;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Cli;

/// <summary>`quizbot` / `quizbot run` as a server admin meets it: mistakes end with one line and exit code 2.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task A_mistyped_verb_is_named_instead_of_starting_the_bot()
    {
        var (code, error) = await InvokeAsync("plya");

        Assert.Equal(2, code);
        Assert.StartsWith("Unknown command 'plya'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_in_use_is_reported_in_one_line_naming_the_setting()
    {
        using var folder = new TempFolder();
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var (code, error) = await InvokeAsync(
            "run",
            "--Discord:Mode=http",
            $"--Discord:PublicKey={InteractionSigner.Create().PublicKeyHex}",
            "--Discord:ApplicationId=111",
            $"--Http:Urls=http://127.0.0.1:{port}",
            $"--Storage:Path={folder.File("bot.db")}");

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Http:Urls:", line, StringComparison.Ordinal);
        Assert.Contains("Http__Urls", line, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> InvokeAsync(params string[] args)
    {
        var root = new RootCommand { TreatUnmatchedTokensAsErrors = false };
        root.SetAction(RunCommand.RunAsync);
        root.Subcommands.Add(RunCommand.Create());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, error.ToString());
    }
}

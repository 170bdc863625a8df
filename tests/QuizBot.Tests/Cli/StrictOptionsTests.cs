using QuizBot.Cli;

namespace QuizBot.Tests.Cli;

/// <summary>Every verb refuses what it does not know with exit 2 and the nearest thing it does know.</summary>
public sealed class StrictOptionsTests
{
    [Theory]
    [InlineData("play --lenght 5", "Unknown option '--lenght' for `{0} play`; did you mean --length?")]
    [InlineData("content check --dekc foo", "Unknown option '--dekc' for `{0} content check`; did you mean --deck?")]
    [InlineData("content export --format json --dek x", "Unknown option '--dek' for `{0} content export`; did you mean --deck?")]
    [InlineData("study --topc csto", "Unknown option '--topc' for `{0} study`; did you mean --topic?")]
    [InlineData("review --resum", "Unknown option '--resum' for `{0} review`; did you mean --resume?")]
    [InlineData("schedule --rating good --days 0", "Unknown option '--rating' for `{0} schedule`; did you mean --ratings?")]
    [InlineData("health --ulr http://x", "Unknown option '--ulr' for `{0} health`; did you mean --url?")]
    [InlineData("register-commands --gild 1", "Unknown option '--gild' for `{0} register-commands`; did you mean --guild?")]
    [InlineData("run --debug", "Unknown option '--debug' for `{0} run`.")]
    [InlineData("plya", "Unknown command 'plya'; did you mean play?")]
    [InlineData("content chek", "Unknown command 'chek'; did you mean check?")]
    public async Task A_misspelt_option_or_verb_is_exit_2_with_the_nearest_match(string commandLine, string expected)
    {
        var run = await CliRun.AppAsync(commandLine.Split(' '));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, CommandName.Current), line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task A_value_that_does_not_parse_is_exit_2_naming_the_command()
    {
        var run = await CliRun.AppAsync("play", "--length", "five");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("five", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Contains($"`{CommandName.Current} play --help`", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_setting_in_the_bots_own_sections_is_refused_with_the_nearest_key()
    {
        var run = await CliRun.AppAsync("content", "check", "--Storage:Pth=x.db");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Unknown setting 'Storage:Pth'; did you mean Storage:Path", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_after_a_verb_is_what_the_verb_uses()
    {
        using var folder = new Support.TempFolder();
        var database = folder.File("given.db");

        // review with nothing to review prints one line and reads no input; it opens (and so creates) the database.
        var run = await CliRun.AppAsync("review", $"--Storage:Path={database}", "--content", RepositoryPaths.Content, "--user", "settings-test");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(database), run.Error);
    }

    [Fact]
    public void Settings_are_taken_out_of_the_arguments_in_both_spellings_and_other_sections_pass()
    {
        var extracted = CommandLineSettings.Extract(["play", "--Storage:Path=a.db", "--length", "3", "--Logging:LogLevel:Default", "None", "--user", "x:y"]);

        Assert.Null(extracted.Error);
        Assert.Equal(["play", "--length", "3", "--user", "x:y"], extracted.Arguments);
        Assert.Equal([new("Storage:Path", "a.db"), new("Logging:LogLevel:Default", "None")], extracted.Settings);
    }

    [Fact]
    public void A_setting_without_a_value_is_refused()
    {
        var extracted = CommandLineSettings.Extract(["run", "--Storage:Path"]);

        Assert.Equal("--Storage:Path needs a value: --Storage:Path=VALUE.", extracted.Error);
    }

    [Theory]
    [InlineData("/home/me/.dotnet/tools/.store/quizbot/1.0.0/quizbot/1.0.0/tools/net10.0/any/", "/home/me/.dotnet/tools/quizbot", "quizbot")]
    [InlineData("/app/", "/usr/bin/dotnet", "dotnet quizbot.dll")]
    [InlineData("/opt/quizbot/", "/opt/quizbot/quizbot", "quizbot")]
    public void Messages_name_the_command_the_user_can_run(string baseDirectory, string processPath, string expected) =>
        Assert.Equal(expected, CommandName.Resolve(baseDirectory, processPath));

    [Fact]
    public void From_a_clone_the_command_is_dotnet_run()
    {
        // These tests run from tests/QuizBot.Tests/bin: a clone, but not src/QuizBot's own bin.
        var appBin = Path.Combine(RepositoryPaths.Root, "src", "QuizBot", "bin", "Debug", "net10.0");
        Assert.Equal("dotnet run --project src/QuizBot --", CommandName.Resolve(appBin + Path.DirectorySeparatorChar, Path.Combine(appBin, "quizbot")));
    }
}

using QuizBot.Hosting;

namespace QuizBot.Tests.Cli;

/// <summary>The settings are documented from one list: the README's table, `quizbot help` and `quizbot run --help`.</summary>
public sealed class SettingsDocumentationTests
{
    [Fact]
    public void The_readme_configuration_table_is_the_generated_one()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("| setting | environment variable |", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no configuration table");
        var end = readme.IndexOf("\n\n", start, StringComparison.Ordinal);
        Assert.Equal(SettingsCatalog.MarkdownTable(), readme[start..(end + 1)]);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("run", "--help")]
    [InlineData("--help")]
    public async Task Help_lists_every_setting_with_its_environment_variable(params string[] args)
    {
        var run = await CliRun.AppAsync(args);

        Assert.Equal(0, run.ExitCode);
        foreach (var setting in SettingsCatalog.All)
        {
            Assert.Matches($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(setting.Key)} +{setting.EnvironmentVariable} ", run.Output);
        }

        Assert.Contains("3 Discord refused the bot", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_about_a_verb_shows_its_options_and_no_settings()
    {
        var run = await CliRun.AppAsync("help", "play");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--length", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Discord__Token", run.Output, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Configuration;
using QuizBot.Cli;
using QuizBot.Discord.Testing;

namespace QuizBot.Tests.Cli;

/// <summary>`quizbot register-commands` against the fake Discord REST API.</summary>
public sealed class RegisterCommandsTests
{
    [Fact]
    public async Task An_invalid_form_body_is_reported_in_one_line_naming_the_field_and_the_rule()
    {
        await using var rest = await FakeDiscordRestServer.StartAsync();
        rest.Enqueue("PUT", "/applications/4242/guilds/55/commands", ScriptedResponse.Json(400, """
            {"code":50035,"message":"Invalid Form Body","errors":{"3":{"options":{"0":{"name":{"_errors":[{"code":"APPLICATION_COMMAND_INVALID_NAME","message":"Command name is invalid"}]}}}}}}
            """));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "NDI0Mg.test.token-for-the-fake-server",
            ["Discord:ApplicationId"] = "4242",
            ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(),
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await RegisterCommandsCommand.RegisterAsync(configuration, "55", output, error, CancellationToken.None);

        Assert.Equal(1, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("50035", line, StringComparison.Ordinal);
        Assert.Contains("3.options.0.name: APPLICATION_COMMAND_INVALID_NAME (Command name is invalid)", line, StringComparison.Ordinal);
    }
}

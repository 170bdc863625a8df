using Microsoft.Extensions.Configuration;
using QuizBot.Hosting;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

public sealed class BotSettingsTests
{
    private const string PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private static BotSettings? Read(out string error, params (string Key, string Value)[] values)
    {
        // Later values win, as later configuration sources do.
        var data = new Dictionary<string, string?> { ["Content:Path"] = RepositoryPaths.Content };
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(data).Build();
        return BotSettings.Read(configuration, out error);
    }

    [Fact]
    public void Without_a_token_the_line_names_the_setting_and_the_offline_way_to_try_the_bot()
    {
        Assert.Null(Read(out var error));

        Assert.StartsWith("Discord:Token is not set. Set the environment variable Discord__Token", error, StringComparison.Ordinal);
        Assert.Contains($"`{QuizBot.Cli.CommandName.Current} play`", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_malformed_token_is_named_but_never_echoed()
    {
        Assert.Null(Read(out var error, ("Discord:Token", "secret value with spaces")));

        Assert.StartsWith("Discord:Token is malformed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_mode_accepts_a_token_that_does_not_carry_the_application_id_and_leaves_it_to_READY()
    {
        var settings = Read(out var error, ("Discord:Token", "opaque-test-token"));

        Assert.True(settings is not null, error);
        Assert.Equal(DiscordMode.Gateway, settings.Mode);
        Assert.Equal(0UL, settings.ApplicationId);
    }

    [Fact]
    public void Gateway_mode_takes_the_application_id_from_the_token_when_not_set()
    {
        var settings = Read(out _, ("Discord:Token", "NDI0Mg.abc.def"));

        Assert.NotNull(settings);
        Assert.Equal(DiscordMode.Gateway, settings.Mode);
        Assert.Equal(4242UL, settings.ApplicationId);
        Assert.Equal(["http://127.0.0.1:8080"], settings.HttpUrls);
        Assert.Equal("data/quizbot.db", settings.StoragePath);
    }

    [Theory]
    [InlineData("Discord:PublicKey is not set", "", "123")]
    [InlineData("Discord:PublicKey is malformed", "xyz", "123")]
    [InlineData("Discord:ApplicationId is not set", PublicKey, "")]
    [InlineData("Discord:ApplicationId is malformed", PublicKey, "abc")]
    public void Http_mode_needs_a_public_key_and_an_application_id(string expected, string publicKey, string applicationId)
    {
        Assert.Null(Read(out var error, ("Discord:Mode", "http"), ("Discord:PublicKey", publicKey), ("Discord:ApplicationId", applicationId)));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Discord:Mode", "websocket", "Discord:Mode must be")]
    [InlineData("Http:Urls", "ftp://x", "Http:Urls is malformed")]
    [InlineData("Storage:Path", ":memory:", "Storage:Path must name a database file")]
    [InlineData("Content:Path", "/no/such/folder", "Content:Path '/no/such/folder' is not a folder")]
    [InlineData("Discord:GlobalRequestsPerSecond", "0", "Discord:GlobalRequestsPerSecond must be a whole number of requests per second, at least 1, not '0'")]
    [InlineData("Discord:GlobalRequestsPerSecond", "12.5", "Discord:GlobalRequestsPerSecond must be a whole number")]
    public void Other_bad_settings_are_named(string key, string value, string expected)
    {
        Assert.Null(Read(out var error, ("Discord:Mode", "http"), ("Discord:PublicKey", PublicKey), ("Discord:ApplicationId", "4242"), (key, value)));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_stops_with_exit_code_2_before_building_anything()
    {
        var start = BotHost.Prepare([], [new("Discord:Mode", "http"), new("Discord:PublicKey", ""), new("Content:Path", RepositoryPaths.Content)]);

        Assert.Null(start.App);
        Assert.Equal(2, start.ExitCode);
        Assert.StartsWith("Discord:PublicKey is not set", start.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:8080/healthz/ready")]
    [InlineData("http://0.0.0.0:9000", "http://127.0.0.1:9000/healthz/ready")]
    [InlineData("http://+:7000;http://127.0.0.1:7001", "http://127.0.0.1:7000/healthz/ready")]
    public void Health_checks_the_loopback_port_of_the_first_url(string? urls, string expected)
    {
        Assert.Equal(expected, global::QuizBot.Cli.HealthCommand.DefaultUrl(urls));
    }

    [Fact]
    public async Task Health_reports_unhealthy_when_nothing_answers()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await global::QuizBot.Cli.HealthCommand.CheckAsync("http://127.0.0.1:1/healthz", output, error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.StartsWith("unhealthy", error.ToString(), StringComparison.Ordinal);
    }
}

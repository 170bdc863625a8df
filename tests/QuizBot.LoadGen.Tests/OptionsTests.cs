using System.CommandLine;

namespace QuizBot.LoadGen.Tests;

public sealed class OptionsTests
{
    private const string Key = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    [Fact]
    public void The_defaults_make_a_run_of_ping_then_quiz_against_a_bot_process()
    {
        var options = new LoadOptions();

        Assert.Null(options.Problem());
        Assert.Equal(Scenario.PingThenQuiz, options.Scenario);
        Assert.Equal(BotLayout.SeparateProcess, options.Layout);
        Assert.Equal(BotLayout.InProcess, (options with { InProcess = true }).Layout);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Slice);
    }

    [Fact]
    public void Slices_are_only_the_default_runs_so_other_scenarios_and_the_ci_smoke_take_any_rounds()
    {
        Assert.Null(new LoadOptions { Scenario = Scenario.Ping, Rounds = 40 }.Problem());
        Assert.Null(new LoadOptions { Quizzes = 1_000, Rounds = 40 }.Problem());
        Assert.Null(new LoadOptions { Rounds = 1, Duration = TimeSpan.FromSeconds(4), Warmup = TimeSpan.FromSeconds(1), Members = 20, Concurrency = 4 }.Problem());
        Assert.Null(new LoadOptions { Rounds = 30, Duration = TimeSpan.FromSeconds(15) }.Problem());
    }

    private static readonly (string Says, LoadOptions Options)[] RefusedCases =
    [
        ("--concurrency must not exceed --members", new LoadOptions { Members = 4, Concurrency = 8 }),
        ("at least 1", new LoadOptions { Duration = TimeSpan.Zero }),
        ("--warmup not negative", new LoadOptions { Warmup = TimeSpan.FromSeconds(-1) }),
        ("--rounds must be between 1 and 100", new LoadOptions { Rounds = 0 }),
        ("--rounds must be between 1 and 100", new LoadOptions { Rounds = 101 }),
        ("each must last at least 0.5 s", new LoadOptions { Rounds = 40, Duration = TimeSpan.FromSeconds(15) }),
        ("--members must be at most", new LoadOptions { Members = LoadOptions.MaxMembers + 1, Concurrency = 1 }),
        ("--rate must be between", new LoadOptions { Scenario = Scenario.Quiz, Rate = 0 }),
        ("give --scenario", new LoadOptions { Rate = 500 }),
        ("--quizzes must be at least 1", new LoadOptions { Quizzes = 0 }),
        ("soak of the quiz alone", new LoadOptions { Scenario = Scenario.Study, Quizzes = 100 }),
        ("soak of the quiz alone", new LoadOptions { Scenario = Scenario.Quiz, Quizzes = 100, Rate = 50 }),
        ("--peer compares PING", new LoadOptions { Scenario = Scenario.Quiz, Peer = true }),
        ("--peer needs the bot started here", new LoadOptions { Peer = true, Urls = ["http://127.0.0.1:8080/interactions"], PrivateKeyHex = Key }),
        ("go with --url", new LoadOptions { SqlitePath = "bot.db" }),
        ("go with --url", new LoadOptions { PostgresConnectionString = "Host=127.0.0.1" }),
        ("loopback", new LoadOptions { Urls = ["http://127.0.0.1:8080/interactions", "http://example.com/interactions"], PrivateKeyHex = Key }),
        ("loopback", new LoadOptions { Urls = ["not a url"], PrivateKeyHex = Key }),
        ("plain HTTP/1.1", new LoadOptions { Urls = ["https://127.0.0.1:8443/interactions"], PrivateKeyHex = Key }),
        ("--url needs --private-key-hex", new LoadOptions { Urls = ["http://127.0.0.1:8080/interactions"] }),
        ("--url needs --private-key-hex", new LoadOptions { Urls = ["http://127.0.0.1:8080/interactions"], PrivateKeyHex = Key[..62] }),
        ("give one", new LoadOptions { Urls = ["http://127.0.0.1:8080/interactions"], PrivateKeyHex = Key, SqlitePath = "a.db", PostgresConnectionString = "Host=127.0.0.1" }),
        ("does not go with --url", new LoadOptions { Urls = ["http://127.0.0.1:8080/interactions"], PrivateKeyHex = Key, InProcess = true }),
        ("--bot-build says which build", new LoadOptions { InProcess = true, BotBuild = AppContext.BaseDirectory }),
        ("--bot-build says which build", new LoadOptions { Urls = ["http://127.0.0.1:8080/interactions"], PrivateKeyHex = Key, BotBuild = AppContext.BaseDirectory }),
        ("--bot-build: no quizbot.dll in", new LoadOptions { BotBuild = Path.Combine(AppContext.BaseDirectory, "no-such-folder") }),
    ];

    public static TheoryData<int> Refused => [.. Enumerable.Range(0, RefusedCases.Length)];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Options_that_make_no_run_are_refused_with_one_line_naming_them(int index)
    {
        var (says, options) = RefusedCases[index];
        Assert.Contains(says, options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_holding_the_bot_build_is_taken_for_the_bot_process()
    {
        // The generator's own folder holds the bot's build (quizbot.dll), as a `dotnet publish` folder does.
        var options = new LoadOptions { BotBuild = AppContext.BaseDirectory };

        Assert.Null(options.Problem());
        Assert.Equal(BotLayout.SeparateProcess, options.Layout);
    }

    [Fact]
    public void Several_loopback_instances_with_a_key_and_either_store_make_a_run()
    {
        var options = new LoadOptions
        {
            Scenario = Scenario.Quiz,
            Rate = 500,
            Urls = ["http://127.0.0.1:8081/interactions", "http://localhost:8082/interactions"],
            PrivateKeyHex = Key,
            PostgresConnectionString = "Host=127.0.0.1;Database=quizbot",
        };

        Assert.Null(options.Problem());
        Assert.Equal(BotLayout.External, options.Layout);
        Assert.Equal(2, options.ExternalUrls.Count);
        Assert.Null((options with { PostgresConnectionString = null, SqlitePath = "bot.db" }).Problem());
        Assert.Null(new LoadOptions { Quizzes = 10_000 }.Problem());
        Assert.Null(new LoadOptions { Scenario = Scenario.Ping, Peer = true }.Problem());
    }

    [Theory]
    [InlineData("--membres", "200")]
    [InlineData("--scenario", "trivia")]
    [InlineData("--rate", "fast")]
    [InlineData("--scenario", "quiz", "--rate", "500", "--peer")]
    [InlineData("--url", "http://10.0.0.1/interactions", "--private-key-hex", Key)]
    public async Task A_misspelt_option_a_bad_value_or_a_refused_combination_exits_2_before_any_run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await LoadCommand.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(LoadCommand.UsageExitCode, exit);
        Assert.NotEqual("", error.ToString().Trim());
        Assert.DoesNotContain("QuizBot load:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_url_option_repeats()
    {
        var parse = LoadCommand.Create().Parse(["--url", "http://127.0.0.1:1/interactions", "--url", "http://127.0.0.1:2/interactions"]);
        var url = parse.RootCommandResult.Command.Options.OfType<Option<string[]>>().Single(o => o.Name == "--url");

        Assert.Empty(parse.Errors);
        Assert.Equal(["http://127.0.0.1:1/interactions", "http://127.0.0.1:2/interactions"], parse.GetValue(url)!);
    }
}

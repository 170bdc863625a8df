using System.CommandLine;
using System.CommandLine.Help;

namespace QuizBot.LoadGen;

/// <summary>
/// The generator's command line: options into <see cref="LoadOptions"/>, checked, then one <see cref="LoadSession"/>.
/// Exit 0 when every request got the right reply and every check passed, 1 otherwise, 2 for a command line that
/// does not parse or options that make no run.
/// </summary>
internal static class LoadCommand
{
    public const int FailedExitCode = 1;
    public const int UsageExitCode = 2;

    private static readonly string[] ScenarioNames = ["ping", "quiz", "study", "mixed"];

    /// <summary>Parses and runs one command line; the exit code.</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, InvocationConfiguration configuration)
    {
        var parse = Create().Parse([.. args]);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            await configuration.Error.WriteLineAsync($"{parse.Errors[0].Message} Run with --help to list the options.");
            return UsageExitCode;
        }

        return await parse.InvokeAsync(configuration);
    }

    public static RootCommand Create()
    {
        var scenario = new Option<string?>("--scenario")
        {
            Description = "ping, quiz, study (flashcards) or mixed (quiz and study players together). Default: PING and the quiz in short slices, interleaved, and their ratio.",
        };
        scenario.AcceptOnlyFromAmong(ScenarioNames);
        var members = new Option<int>("--members") { Description = "Virtual members in the guild.", DefaultValueFactory = _ => 200 };
        var duration = new Option<int?>("--duration")
        {
            Description = $"Seconds measured per phase ({LoadOptions.DefaultDurationSeconds}); the default run's in all, over its --rounds slices ({LoadOptions.DefaultRatioDurationSeconds}). Requests in flight then finish.",
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = "The default run: after a warm-up of each phase, this many rounds of a PING slice and a quiz slice, interleaved (--duration per phase is split among them); the ratio reported is the rounds' median, with its spread.",
            DefaultValueFactory = _ => LoadOptions.DefaultRounds,
        };
        var concurrency = new Option<int>("--concurrency") { Description = "Closed loop: requests in flight at once (at most --members).", DefaultValueFactory = _ => 16 };
        var rate = new Option<int?>("--rate") { Description = "Open loop: start this many interactions per second, whatever the replies do; latency counts from each intended start." };
        var quizzes = new Option<int?>("--quizzes") { Description = "Soak: play this many complete quizzes, printing the bot's resident memory every 1,000." };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of the same load before each measured phase (JIT, pools, caches); not counted.", DefaultValueFactory = _ => LoadOptions.DefaultWarmupSeconds };
        var inProcess = new Option<bool>("--in-process") { Description = "Start the bot inside this process instead of as its own process." };
        var url = new Option<string[]>("--url")
        {
            Description = "The interactions endpoint of a bot already running on loopback; repeat for several instances (each request goes to a random one).",
            AllowMultipleArgumentsPerToken = false,
        };
        var privateKey = new Option<string?>("--private-key-hex") { Description = "With --url: the 32-byte Ed25519 private key (hex) whose public key the bot trusts." };
        var database = new Option<string?>("--database") { Description = "With --url: the bot's SQLite file, to check the stored answers." };
        var postgres = new Option<string?>("--postgres") { Description = "With --url: the bots' PostgreSQL connection string (Npgsql syntax), to check the stored answers." };
        var peer = new Option<bool>("--peer") { Description = "Also run the PING load against the discord-interactions Express reference (install it with bench/peer/install.sh)." };
        var botSetting = new Option<string[]>("--bot-setting")
        {
            Description = "A setting for the bot started here, as Key=Value (repeat for several), e.g. Storage:Provider=postgres with Storage:ConnectionString=...",
        };
        var botBuild = new Option<string?>("--bot-build")
        {
            Description = "Start the bot from the quizbot.dll in this folder, e.g. the output of `dotnet publish src/QuizBot -c Release -o DIR` (as the Docker image holds it), instead of the build next to the generator.",
            HelpName = "DIR",
        };
        var figures = new Option<string?>("--figures-file") { Description = "Append the run's headline figures to this file, one 'name<TAB>value' line each (bench/run-benchmarks.sh reads them)." };
        var seed = new Option<int>("--seed") { Description = "Seed for the members' choices and the choice of instance.", DefaultValueFactory = _ => 1 };
        var root = new RootCommand("Load generator for QuizBot: virtual members play over signed HTTP interactions against the real bot.")
        {
            scenario, members, duration, rounds, concurrency, rate, quizzes, warmup, inProcess, url, privateKey, database, postgres, botSetting, botBuild, peer, figures, seed,
        };
        root.SetAction(async parse =>
        {
            var chosen = parse.GetValue(scenario) switch
            {
                "ping" => Scenario.Ping,
                "quiz" => Scenario.Quiz,
                "study" => Scenario.Study,
                "mixed" => Scenario.Mixed,
                _ => Scenario.PingThenQuiz,
            };
            var ratio = chosen == Scenario.PingThenQuiz && parse.GetValue(quizzes) is null;
            var options = new LoadOptions
            {
                Scenario = chosen,
                Members = parse.GetValue(members),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration) ?? (ratio ? LoadOptions.DefaultRatioDurationSeconds : LoadOptions.DefaultDurationSeconds)),
                Rounds = parse.GetValue(rounds),
                Concurrency = parse.GetValue(concurrency),
                Rate = parse.GetValue(rate),
                Quizzes = parse.GetValue(quizzes),
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                InProcess = parse.GetValue(inProcess),
                Urls = parse.GetValue(url) ?? [],
                PrivateKeyHex = parse.GetValue(privateKey)?.Trim(),
                SqlitePath = parse.GetValue(database),
                PostgresConnectionString = parse.GetValue(postgres),
                Peer = parse.GetValue(peer),
                BotSettings = parse.GetValue(botSetting) ?? [],
                BotBuild = parse.GetValue(botBuild),
                FiguresFile = parse.GetValue(figures),
                Seed = parse.GetValue(seed),
            };
            if (options.Problem() is { } problem)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(problem);
                return UsageExitCode;
            }

            return await new LoadSession(options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, TimeProvider.System).RunAsync();
        });
        return root;
    }
}

namespace QuizBot.LoadGen;

/// <summary>What the virtual members do. <see cref="PingThenQuiz"/> is the default run: PING, then the quiz, and their ratio.</summary>
internal enum Scenario
{
    PingThenQuiz,
    Ping,
    Quiz,
    Study,
    Mixed,
}

/// <summary>Where the bot runs: started here as its own process (as in production), inside this process, or already running (--url).</summary>
internal enum BotLayout
{
    SeparateProcess,
    InProcess,
    External,
}

/// <summary>
/// One run's options as given on the command line; <see cref="Problem"/> says in one line what is wrong with them,
/// so a run never starts from a combination that cannot mean anything.
/// </summary>
internal sealed record LoadOptions
{
    /// <summary>Member user ids must stay apart from the ids a studying member takes on later (see <see cref="StudyMember"/>).</summary>
    public const int MaxMembers = 100_000;

    public Scenario Scenario { get; init; } = Scenario.PingThenQuiz;

    public int Members { get; init; } = 200;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(DefaultWarmupSeconds);

    /// <summary>Seconds measured per phase; in the default run, in all over its slices.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(DefaultRatioDurationSeconds);

    /// <summary>
    /// The default run: rounds of a PING slice and a quiz slice, interleaved; <see cref="Duration"/> is split among
    /// them, and the ratio is the rounds' median (other scenarios play one phase).
    /// </summary>
    public int Rounds { get; init; } = DefaultRounds;

    /// <summary>The default run: how long each slice lasts (<see cref="Duration"/> per phase over the rounds).</summary>
    public TimeSpan Slice => Duration / Rounds;

    // Chosen for a ratio that another run reproduces on a shared machine (bench/STAGES.md, "Ratio reproducibility"):
    // a warm-up long enough for the bot's tier-up of the quiz path, then PING and quiz in slices of 1.5 s interleaved
    // twenty times, so a slowdown of the machine hits both phases alike and the run averages over many of them.
    public const int DefaultWarmupSeconds = 5;
    public const int DefaultDurationSeconds = 15;
    public const int DefaultRatioDurationSeconds = 30;
    public const int DefaultRounds = 20;
    public const int MaxRounds = 100;

    /// <summary>A slice shorter than this would be mostly its start and its end (threads starting, replies in flight).</summary>
    public static readonly TimeSpan MinSlice = TimeSpan.FromSeconds(0.5);

    public int Concurrency { get; init; } = 16;

    /// <summary>Open loop: interactions started per second, whatever the replies do; null for the closed loop.</summary>
    public int? Rate { get; init; }

    /// <summary>Soak: play this many complete quizzes instead of playing for <see cref="Duration"/>.</summary>
    public int? Quizzes { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    public string? PrivateKeyHex { get; init; }

    public string? SqlitePath { get; init; }

    public string? PostgresConnectionString { get; init; }

    public bool InProcess { get; init; }

    public bool Peer { get; init; }

    /// <summary>Extra settings for a bot started here (--bot-setting Key=Value), e.g. Storage:Provider=postgres.</summary>
    public IReadOnlyList<string> BotSettings { get; init; } = [];

    /// <summary>The --bot-setting pairs; valid once <see cref="Problem"/> is null.</summary>
    public IReadOnlyDictionary<string, string> BotSettingPairs =>
        BotSettings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The folder whose quizbot.dll is started (--bot-build); null for the build copied next to the generator.</summary>
    public string? BotBuild { get; init; }

    public string? FiguresFile { get; init; }

    public int Seed { get; init; } = 1;

    public BotLayout Layout => Urls.Count > 0 ? BotLayout.External : InProcess ? BotLayout.InProcess : BotLayout.SeparateProcess;

    /// <summary>The interactions endpoints of a bot started elsewhere; valid once <see cref="Problem"/> is null.</summary>
    public IReadOnlyList<Uri> ExternalUrls => [.. Urls.Select(u => new Uri(u, UriKind.Absolute))];

    /// <summary>What is wrong with the options, in one line; null when they make a run.</summary>
    public string? Problem()
    {
        if (Members < 1 || Concurrency < 1 || Warmup < TimeSpan.Zero || Duration < TimeSpan.FromSeconds(1))
        {
            return "--members, --duration and --concurrency must be at least 1, and --warmup not negative.";
        }

        if (Rounds is < 1 or > MaxRounds)
        {
            return $"--rounds must be between 1 and {MaxRounds}.";
        }

        if (Scenario == Scenario.PingThenQuiz && Quizzes is null && Slice < MinSlice)
        {
            return $"--duration is split into --rounds slices per phase, and each must last at least {MinSlice.TotalSeconds} s: give a longer --duration or fewer --rounds.";
        }

        if (Members > MaxMembers)
        {
            return $"--members must be at most {MaxMembers}.";
        }

        if (Concurrency > Members)
        {
            return "--concurrency must not exceed --members: each member sends one interaction at a time.";
        }

        if (Rate is < 1 or > 100_000)
        {
            return "--rate must be between 1 and 100000 interactions per second.";
        }

        if (Quizzes is { } quizzes)
        {
            if (quizzes < 1)
            {
                return "--quizzes must be at least 1.";
            }

            if (Scenario is not (Scenario.Quiz or Scenario.PingThenQuiz) || Rate is not null || Peer)
            {
                return "--quizzes is a soak of the quiz alone: it goes without --rate, --peer and any --scenario but quiz.";
            }
        }

        if (Rate is not null && (Scenario == Scenario.PingThenQuiz || Peer))
        {
            return "--rate runs one scenario open-loop: give --scenario (ping, quiz, study or mixed), and no --peer.";
        }

        if (Peer && Scenario is not (Scenario.PingThenQuiz or Scenario.Ping))
        {
            return "--peer compares PING throughput: use it with the default run or --scenario ping.";
        }

        if (Peer && Layout == BotLayout.External)
        {
            return "--peer needs the bot started here (the peer gets the same fresh key); leave out --url.";
        }

        if (BotSettings.FirstOrDefault(s => s.Split('=', 2) is not [{ Length: > 0 } key, _] || key.Trim().Length == 0) is { } bad)
        {
            return $"--bot-setting takes Key=Value (e.g. Discord:DeferAfter=00:00:01), not '{bad}'.";
        }

        if (BotSettings.Count > 0 && Layout == BotLayout.External)
        {
            return "--bot-setting configures a bot started here; it does not go with --url.";
        }

        if (BotBuild is not null && Layout != BotLayout.SeparateProcess)
        {
            return "--bot-build says which build the bot process starts from; it does not go with --url or --in-process.";
        }

        if (BotBuild is not null && !File.Exists(Path.Combine(BotBuild, BotProcess.EntryFileName)))
        {
            return $"--bot-build: no {BotProcess.EntryFileName} in '{BotBuild}'; give the folder `dotnet publish src/QuizBot -c Release -o DIR` wrote.";
        }

        return Layout == BotLayout.External ? ExternalProblem() : LocalProblem();
    }

    private string? LocalProblem() =>
        PrivateKeyHex is null && SqlitePath is null && PostgresConnectionString is null
            ? null
            : "--private-key-hex, --database and --postgres go with --url; without --url the generator starts its own bot with a fresh key and database.";

    private string? ExternalProblem()
    {
        if (InProcess)
        {
            return "--in-process starts the bot here; it does not go with --url.";
        }

        foreach (var text in Urls)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != "http" || !url.IsLoopback)
            {
                return $"--url must be an http:// address on this machine (loopback; the load client speaks plain HTTP/1.1), not '{text}'.";
            }
        }

        if (SqlitePath is not null && PostgresConnectionString is not null)
        {
            return "--database and --postgres both name where the bot stores answers: give one.";
        }

        return RequestSigner.IsPrivateKeyHex(PrivateKeyHex ?? "")
            ? null
            : "--url needs --private-key-hex: 64 hexadecimal characters, the seed of the key pair whose public key the bot trusts.";
    }
}

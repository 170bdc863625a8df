using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;

namespace QuizBot.LoadGen;

/// <summary>
/// The generator's command line and the wiring of one run: the bot (started here, or given by --url), the members,
/// the run, the stored-answer check and the report. Exit 0 when there were no errors and the check passed.
/// </summary>
internal static class LoadCommand
{
    public const int FailedExitCode = 1;
    public const int UsageExitCode = 2;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>How many members, for how long, how many requests at once, and the seed of their choices.</summary>
    private sealed record RunShape(int Members, TimeSpan Warmup, TimeSpan Duration, int Concurrency, int Seed);

    public static RootCommand Create()
    {
        var members = new Option<int>("--members") { Description = "Virtual members in the guild.", DefaultValueFactory = _ => 200 };
        var duration = new Option<int>("--duration") { Description = "Seconds to keep sending; requests in flight then finish.", DefaultValueFactory = _ => 30 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once (at most --members).", DefaultValueFactory = _ => 16 };
        var url = new Option<string?>("--url") { Description = "The interactions endpoint of a bot already running on loopback, e.g. http://127.0.0.1:8080/interactions." };
        var privateKey = new Option<string?>("--private-key-hex") { Description = "With --url: the 32-byte Ed25519 private key (hex) whose public key the bot trusts." };
        var database = new Option<string?>("--database") { Description = "With --url: the bot's SQLite file, to check the stored answers." };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of the same load before measuring (JIT, pools, caches); not counted.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed for the members' choices.", DefaultValueFactory = _ => 1 };
        var root = new RootCommand("Load generator for QuizBot: virtual members play quizzes over signed HTTP interactions.")
        {
            members, duration, concurrency, warmup, url, privateKey, database, seed,
        };
        root.SetAction(async parse =>
        {
            var shape = new RunShape(
                parse.GetValue(members), TimeSpan.FromSeconds(parse.GetValue(warmup)), TimeSpan.FromSeconds(parse.GetValue(duration)), parse.GetValue(concurrency), parse.GetValue(seed));
            var targetText = parse.GetValue(url);
            var keyHex = parse.GetValue(privateKey)?.Trim();
            var databasePath = parse.GetValue(database);
            var problem = Problem(shape, targetText, keyHex, databasePath, out var target);
            if (problem is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(problem);
                return UsageExitCode;
            }

            using var signer = target is null ? RequestSigner.Create() : RequestSigner.FromPrivateKeyHex(keyHex!);
            return await RunAsync(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, signer, target, databasePath, shape);
        });
        return root;
    }

    /// <summary>What is wrong with the options, in one line; null when they make a run.</summary>
    private static string? Problem(RunShape shape, string? urlText, string? keyHex, string? databasePath, out Uri? url)
    {
        url = null;
        if (shape.Members < 1 || shape.Duration < TimeSpan.FromSeconds(1) || shape.Concurrency < 1 || shape.Warmup < TimeSpan.Zero)
        {
            return "--members, --duration and --concurrency must be at least 1, and --warmup not negative.";
        }

        if (shape.Concurrency > shape.Members)
        {
            return "--concurrency must not exceed --members: each member sends one interaction at a time.";
        }

        if (urlText is null)
        {
            return keyHex is null && databasePath is null
                ? null
                : "--private-key-hex and --database go with --url; without --url the generator starts its own bot with a fresh key and database.";
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https") || !url.IsLoopback)
        {
            return $"--url must be an http(s) address on this machine (loopback), not '{urlText}'.";
        }

        return RequestSigner.IsPrivateKeyHex(keyHex ?? "")
            ? null
            : "--url needs --private-key-hex: 64 hexadecimal characters, the seed of the key pair whose public key the bot trusts.";
    }

    private static async Task<int> RunAsync(TextWriter output, TextWriter error, RequestSigner signer, Uri? url, string? databasePath, RunShape shape)
    {
        var time = TimeProvider.System;
        InProcessBot? bot = null;
        if (url is null)
        {
            var (started, startError) = await InProcessBot.StartAsync(signer.PublicKeyHex);
            if (started is null)
            {
                await error.WriteLineAsync("The bot did not start: " + startError);
                return FailedExitCode;
            }

            bot = started;
            url = bot.InteractionsUrl;
            databasePath = bot.DatabasePath;
        }

        try
        {
            // A guild of its own each run, so a bot that already holds data (or an earlier run) does not blur the check.
            var guildId = 800_000_000_000_000_000UL + (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var warmupStats = new LoadStats();
            var stats = new LoadStats();
            var warmupSender = new InteractionSender(http, signer, url, warmupStats, time);
            var sender = new InteractionSender(http, signer, url, stats, time);
            var members = Enumerable.Range(1, shape.Members)
                .Select(i => new VirtualMember(new DiscordMember(guildId, 700_000_000_000_000_000UL + (ulong)i, $"Member{i}"), new Random(shape.Seed + i)))
                .ToList();

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"QuizBot load: {shape.Members} members, concurrency {shape.Concurrency}, {shape.Warmup.TotalSeconds:0} s warm-up then {shape.Duration.TotalSeconds:0} s measured, against {url}{(bot is null ? "" : " (in-process bot)")}"));
            await output.WriteLineAsync($"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}; signing with public key {signer.PublicKeyHex}");

            // The warm-up's requests are checked like any others (its errors fail the run) but left out of the figures.
            await LoadRun.RunAsync(members, warmupSender, shape.Concurrency, shape.Warmup, time);
            using var stopProgress = new CancellationTokenSource();
            var progress = ProgressPrinter.RunAsync(stats, time, ProgressEvery, output, stopProgress.Token);
            var run = await LoadRun.RunAsync(members, sender, shape.Concurrency, shape.Duration, time);
            await stopProgress.CancelAsync();
            await progress;

            var check = databasePath is null ? null : StoredAnswerCheck.Run(databasePath, guildId.ToString(CultureInfo.InvariantCulture), members);
            LoadReport.Write(output, run, warmupStats, check);
            return stats.Errors == 0 && warmupStats.Errors == 0 && check?.Passed != false ? 0 : FailedExitCode;
        }
        finally
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
        }
    }
}

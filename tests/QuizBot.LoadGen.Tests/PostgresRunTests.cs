using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using QuizBot.Postgres.Testing;

namespace QuizBot.LoadGen.Tests;

/// <summary>
/// The load tool as an operator runs it against a scaled-out bot: two bot processes in HTTP mode on one throwaway
/// PostgreSQL, both URLs given with <c>--url</c>, and <c>--postgres</c> for the stored-answer check. It must pass:
/// every acknowledged answer stored exactly once, read back from PostgreSQL.
/// </summary>
[Collection(GcModeCollection.Name)]
public sealed class PostgresRunTests
{
    // The first commands on two cold bots can take seconds on a loaded machine; the bot would then defer, and the tool,
    // which cannot see a --url bot's deferred replies, would count an error. This test checks what is stored, not
    // speed: the bots answer late instead of deferring, and a short warm-up takes the cold start out of the count.
    // RFC 8032 section 7.1, TEST 1: a published key pair, fine for a fixture.
    private const string PrivateKeyHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    [Fact]
    public async Task A_quiz_run_across_two_instances_on_one_postgresql_passes_with_every_answer_stored_once()
    {
        await using var server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var sink = await RestSink.StartAsync(new DeferredReplies());
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Discord:DeferAfter"] = "00:00:30",
        };
        await using var first = await StartBotAsync(sink, settings);
        await using var second = await StartBotAsync(sink, settings);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LoadCommand.InvokeAsync(
            [
                "--scenario", "quiz", "--duration", "3", "--warmup", "2", "--members", "40", "--concurrency", "4",
                "--url", first.InteractionsUrls[0].AbsoluteUri, "--url", second.InteractionsUrls[0].AbsoluteUri,
                "--private-key-hex", PrivateKeyHex, "--postgres", connectionString,
            ],
            new InvocationConfiguration { Output = output, Error = error });

        var said = output + "\n" + error + "\nbot 1: " + string.Join(" | ", first.Output) + "\nbot 2: " + string.Join(" | ", second.Output);
        Assert.True(exit == 0, said);
        Assert.Contains("RESULT: PASS", output.ToString(), StringComparison.Ordinal);
        var stored = Regex.Match(output.ToString(), @"quiz answers accepted (\d+), stored (\d+)");
        Assert.True(stored.Success, said);
        Assert.True(int.Parse(stored.Groups[1].Value, CultureInfo.InvariantCulture) > 0, "no answer was accepted: " + said);
        Assert.Equal(stored.Groups[1].Value, stored.Groups[2].Value);
    }

    private static async Task<BotProcess> StartBotAsync(RestSink sink, IReadOnlyDictionary<string, string> settings)
    {
        var (bot, why) = await BotProcess.StartAsync(PublicKeyHex, sink.ApiBaseUrl, settings, TimeProvider.System);
        Assert.True(bot is not null, "the bot did not start: " + why);
        return bot;
    }
}

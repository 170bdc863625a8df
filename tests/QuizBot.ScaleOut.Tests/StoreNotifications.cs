using System.Threading.Channels;
using Dapper;
using Npgsql;
using QuizBot.Postgres.Tests;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// Says when the instances record a trivia step in the test's PostgreSQL: a trigger added to this test's database only
/// (it changes no row) sends <c>posted:{game}:{round}</c> when a round's question message is recorded and
/// <c>finished:{game}</c> when a game's standings are recorded, so a test waits for the write itself, not for time.
/// </summary>
internal sealed class StoreNotifications : IAsyncDisposable
{
    private const string Topic = "scaleout_trivia";

    private readonly NpgsqlConnection connection;
    private readonly List<string> seen = [];
    private readonly Channel<string> arrivals = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task listening;

    private StoreNotifications(NpgsqlConnection connection)
    {
        this.connection = connection;
        connection.Notification += (_, e) =>
        {
            lock (seen)
            {
                seen.Add(e.Payload);
            }

            arrivals.Writer.TryWrite(e.Payload);
        };
        listening = ListenAsync();
    }

    /// <summary>Adds the triggers to <paramref name="database"/> and listens; call before the instances write.</summary>
    public static async Task<StoreNotifications> StartAsync(TestDatabase database)
    {
        var connection = await database.OpenRawAsync();
        await connection.ExecuteAsync(
            $"""
            CREATE FUNCTION scaleout_round_posted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.message_id IS NULL AND NEW.message_id IS NOT NULL THEN
                    PERFORM pg_notify('{Topic}', 'posted:' || NEW.game_id || ':' || NEW.round_index);
                END IF;
                RETURN NULL;
            END $$;
            CREATE FUNCTION scaleout_game_finished() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.standings_posted = 0 AND NEW.standings_posted = 1 THEN
                    PERFORM pg_notify('{Topic}', 'finished:' || NEW.id);
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER scaleout_rounds AFTER UPDATE ON trivia_rounds FOR EACH ROW EXECUTE FUNCTION scaleout_round_posted();
            CREATE TRIGGER scaleout_games AFTER UPDATE ON trivia_games FOR EACH ROW EXECUTE FUNCTION scaleout_game_finished();
            LISTEN {Topic};
            """);
        return new StoreNotifications(connection);
    }

    /// <summary>Completes when <paramref name="payload"/> was sent (before this call or after), within <see cref="BotProcess.Patience"/>.</summary>
    public async Task WaitForAsync(string payload, string what)
    {
        using var patience = new CancellationTokenSource(BotProcess.Patience);
        try
        {
            while (!Seen(payload))
            {
                await arrivals.Reader.WaitToReadAsync(patience.Token);
                arrivals.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            throw new TimeoutException($"Gave up after {BotProcess.Patience.TotalSeconds:0} s waiting for {what} (notification '{payload}'); seen: {string.Join(", ", Snapshot())}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await connection.DisposeAsync();
        stop.Dispose();
    }

    private bool Seen(string payload) => Snapshot().Contains(payload);

    private List<string> Snapshot()
    {
        lock (seen)
        {
            return [.. seen];
        }
    }

    /// <summary>Npgsql raises notifications while it reads the connection: it reads here until disposed.</summary>
    private async Task ListenAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            await connection.WaitAsync(stop.Token);
        }
    }
}

using Dapper;
using QuizBot.Core.Players;
using QuizBot.Core.Trivia;
using QuizBot.Store.Contracts;

namespace QuizBot.Sqlite.Tests;

/// <summary>The trivia store contract on a real SQLite file; a second handle is a second <see cref="SqliteStore"/> on the same file.</summary>
public sealed class TriviaStoreTests : TriviaStoreContract
{
    private readonly TestDatabase database = new();
    private readonly List<SqliteStore> others = [];

    protected override ITriviaStore Store => database.Store.Trivia;

    protected override ITriviaStore OpenAnother()
    {
        var store = SqliteStore.Open(database.FilePath);
        lock (others)
        {
            others.Add(store);
        }

        return store.Trivia;
    }

    public override void Dispose()
    {
        foreach (var store in others)
        {
            store.Dispose();
        }

        database.Dispose();
    }

    [Fact]
    public async Task The_token_is_gone_from_the_file_once_the_game_is_finished()
    {
        await StartAsync("g1", rounds: 1);
        var me = (await Store.TryAcquireLeaseAsync("g1", Me, T0.AddSeconds(20), T0.AddSeconds(30)))!;
        await Store.CloseRoundAsync("g1", me, 0, T0.AddSeconds(20));
        await Store.FinishAsync("g1", me, T0.AddSeconds(21));
        database.Current!.Dispose();

        using var raw = database.OpenRaw();
        Assert.Equal(0, raw.ExecuteScalar<long>("SELECT COUNT(*) FROM trivia_games WHERE interaction_token IS NOT NULL;"));
        Assert.Equal(1, raw.ExecuteScalar<long>("SELECT COUNT(*) FROM trivia_games;"));
        raw.Close();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        raw.Dispose();
        Assert.DoesNotContain("token-g1", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(database.FilePath)), StringComparison.Ordinal);
    }

    protected override async Task<int> AnswersStoredAsync(PlayerKey player) =>
        (await database.Store.Stats.GetStatsAsync(player, T0.AddDays(1))).Answered;
}

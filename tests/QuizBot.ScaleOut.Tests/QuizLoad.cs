using QuizBot.Tests.Support;

namespace QuizBot.ScaleOut.Tests;

/// <summary>Members of one guild playing quizzes concurrently until stopped; what they saw is in <see cref="Ledger"/>.</summary>
internal sealed class QuizLoad : IAsyncDisposable
{
    /// <summary>Real time allowed for a step of the load on a loaded machine; only a hang takes this long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly CancellationTokenSource stop = new();
    private readonly List<QuizPlayer> players;
    private readonly List<Task> playing;

    public QuizLoad(Balancer balancer, ulong guildId, int members)
    {
        Scope = guildId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        players = [.. Enumerable.Range(1, members).Select(i => new QuizPlayer(Member(guildId, i), balancer, Ledger))];
        playing = [.. players.Select(p => Task.Run(() => p.PlayAsync(stop.Token)))];
    }

    public AnswerLedger Ledger { get; } = new();

    public string Scope { get; }

    /// <summary>Replies the members did not expect: after a kill some are (a stale screen), so these are reported, not asserted.</summary>
    public int Surprises => players.Sum(p => p.Surprises.Count);

    /// <summary>A few of the surprises, to say what they were.</summary>
    public string SurpriseSample => string.Join(" | ", players.SelectMany(p => p.Surprises).Take(3));

    /// <summary>Completes once <paramref name="count"/> answers were acknowledged, or fails when a member's loop failed.</summary>
    public async Task ReachedAsync(int count)
    {
        var reached = Ledger.ReachedAsync(count);
        var anyStopped = Task.WhenAny(playing);
        var first = await Task.WhenAny(reached, anyStopped).WaitAsync(Patience);
        if (first != reached)
        {
            await await anyStopped;
            throw new InvalidOperationException("A member stopped playing before the load was done.");
        }
    }

    /// <summary>Stops the members after their current step and waits for them.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(playing);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(playing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private static TestUser Member(ulong guildId, int index) => new(500_000_000_000_000_000 + (ulong)index, $"Member {index}", guildId);
}

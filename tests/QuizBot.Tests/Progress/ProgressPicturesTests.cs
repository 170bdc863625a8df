using Microsoft.Extensions.Time.Testing;
using QuizBot.Core.Ports;
using QuizBot.Pictures;
using QuizBot.Progress;

namespace QuizBot.Tests.Progress;

public sealed class ProgressPicturesTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new();
    private readonly ProgressPictures pictures;
    private readonly HeldRender held = new();

    public ProgressPicturesTests()
    {
        pictures = new ProgressPictures(new StatsCardRenderer(), new PodiumRenderer(), workers: 1, queueCapacity: 2, time);
    }

    [Fact]
    public async Task Pictures_are_drawn_on_the_queues_own_thread_never_the_callers()
    {
        string? drawnOn = null;

        var png = await pictures.RenderAsync("member", "v1", () => { drawnOn = Thread.CurrentThread.Name; return [1]; }, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal([1], png);
        Assert.Equal("quizbot-pictures-1", drawnOn);
        Assert.NotEqual("quizbot-pictures-1", Thread.CurrentThread.Name);
    }

    [Fact]
    public async Task While_the_worker_draws_the_queue_holds_its_capacity_and_the_next_request_is_refused_at_once()
    {
        var drawing = pictures.RenderAsync("member-0", "v1", held.Render(0), CancellationToken.None);
        await held.Started.WaitAsync(Wait);
        var queued = new[]
        {
            pictures.RenderAsync("member-1", "v1", () => [1], CancellationToken.None),
            pictures.RenderAsync("member-2", "v1", () => [2], CancellationToken.None),
        };
        Assert.Equal(2, pictures.Queued);

        // Full: not queued, answered null without waiting, so the reply goes out as text and says so.
        var refused = pictures.RenderAsync("member-3", "v1", () => [3], CancellationToken.None);
        Assert.True(refused.IsCompleted);
        Assert.Null(await refused);
        Assert.False(drawing.IsCompleted);

        held.Release();
        Assert.Equal([0], await drawing.WaitAsync(Wait));
        Assert.Equal([[1], [2]], await Task.WhenAll(queued).WaitAsync(Wait));
        Assert.Equal(new PictureCounts(Drawn: 3, Reused: 0, Refused: 1, Late: 0), pictures.Counts);
    }

    [Fact]
    public async Task A_picture_that_waited_longer_than_the_limit_is_skipped_and_the_ones_behind_it_are_still_drawn()
    {
        var drawing = pictures.RenderAsync("member-0", "v1", held.Render(0), CancellationToken.None);
        await held.Started.WaitAsync(Wait);
        var renders = 0;
        var old = pictures.RenderAsync("member-1", "v1", () => [(byte)Interlocked.Increment(ref renders)], CancellationToken.None);
        time.Advance(ProgressPictures.MaxWait);
        var recent = pictures.RenderAsync("member-2", "v1", () => [(byte)Interlocked.Increment(ref renders)], CancellationToken.None);
        time.Advance(TimeSpan.FromTicks(1));

        // The thread comes back after the first has waited just over the limit and the second just a moment.
        held.Release();
        Assert.Null(await old.WaitAsync(Wait));
        Assert.Equal([1], await recent.WaitAsync(Wait));
        Assert.Equal(1, renders);
        Assert.Equal([0], await drawing.WaitAsync(Wait));
        Assert.Equal(new PictureCounts(Drawn: 2, Reused: 0, Refused: 0, Late: 1), pictures.Counts);
    }

    [Fact]
    public async Task A_picture_waiting_exactly_the_limit_is_still_drawn()
    {
        var drawing = pictures.RenderAsync("member-0", "v1", held.Render(0), CancellationToken.None);
        await held.Started.WaitAsync(Wait);
        var waiting = pictures.RenderAsync("member-1", "v1", () => [1], CancellationToken.None);
        time.Advance(ProgressPictures.MaxWait);

        held.Release();
        Assert.Equal([1], await waiting.WaitAsync(Wait));
        await drawing.WaitAsync(Wait);
        Assert.Equal(0, pictures.Counts.Late);
    }

    [Fact]
    public async Task The_same_picture_asked_for_while_it_waits_is_drawn_once()
    {
        var drawing = pictures.RenderAsync("member-0", "v1", held.Render(0), CancellationToken.None);
        await held.Started.WaitAsync(Wait);
        var renders = 0;
        byte[] Board() => [(byte)Interlocked.Increment(ref renders)];

        var first = pictures.RenderAsync("podium", "top3-v7", Board, CancellationToken.None);
        var second = pictures.RenderAsync("podium", "top3-v7", Board, CancellationToken.None);
        Assert.Equal(1, pictures.Queued);
        held.Release();

        Assert.Same(await first.WaitAsync(Wait), await second.WaitAsync(Wait));
        Assert.Equal(1, renders);
        await drawing.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_members_picture_is_reused_until_its_data_changes()
    {
        var renders = 0;
        byte[] Render() => [(byte)Interlocked.Increment(ref renders)];

        var first = await pictures.RenderAsync("member", "answered-10", Render, CancellationToken.None).WaitAsync(Wait);
        var again = pictures.RenderAsync("member", "answered-10", Render, CancellationToken.None);
        Assert.True(again.IsCompleted);
        var afterAnswer = await pictures.RenderAsync("member", "answered-11", Render, CancellationToken.None).WaitAsync(Wait);
        var someoneElse = await pictures.RenderAsync("other", "answered-10", Render, CancellationToken.None).WaitAsync(Wait);

        Assert.Same(first, await again);
        Assert.Equal([2], afterAnswer);
        Assert.Equal([3], someoneElse);
        Assert.Equal(3, renders);
    }

    [Fact]
    public async Task A_boards_podium_is_drawn_once_for_every_member_who_asks_until_the_board_changes()
    {
        var board = PictureSamples.Podium;
        // Another member's request builds its own copy of the same data.
        var sameBoard = board with { Places = [.. board.Places] };
        var moved = board with { Places = [board.Places[1] with { Rank = 1 }, board.Places[0] with { Rank = 2 }, board.Places[2]] };

        var first = await pictures.PodiumAsync("guild-1", LeaderboardPeriod.Week, LeaderboardMetric.Points, board, CancellationToken.None).WaitAsync(Wait);
        var second = await pictures.PodiumAsync("guild-1", LeaderboardPeriod.Week, LeaderboardMetric.Points, sameBoard, CancellationToken.None).WaitAsync(Wait);
        Assert.Same(first, second);
        Assert.Equal(new PictureCounts(Drawn: 1, Reused: 1, Refused: 0, Late: 0), pictures.Counts);

        // A new top three: drawn again, and it replaces the old picture (one per board, however often it changes).
        var afterMove = await pictures.PodiumAsync("guild-1", LeaderboardPeriod.Week, LeaderboardMetric.Points, moved, CancellationToken.None).WaitAsync(Wait);
        Assert.NotEqual(first, afterMove);
        var back = await pictures.PodiumAsync("guild-1", LeaderboardPeriod.Week, LeaderboardMetric.Points, board, CancellationToken.None).WaitAsync(Wait);
        Assert.NotSame(first, back);
        Assert.Equal(first, back);
        Assert.Equal(3, pictures.Counts.Drawn);

        // The same top three on another board (another period, another server) is a picture of its own.
        await pictures.PodiumAsync("guild-1", LeaderboardPeriod.Month, LeaderboardMetric.Points, board, CancellationToken.None).WaitAsync(Wait);
        await pictures.PodiumAsync("guild-2", LeaderboardPeriod.Week, LeaderboardMetric.Points, board, CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(new PictureCounts(Drawn: 5, Reused: 1, Refused: 0, Late: 0), pictures.Counts);
    }

    [Fact]
    public async Task A_drawing_that_fails_fails_its_request_and_the_worker_goes_on()
    {
        var failed = pictures.RenderAsync("member", "v1", () => throw new InvalidOperationException("no surface"), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Wait));
        Assert.Equal([7], await pictures.RenderAsync("member", "v1", () => [7], CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task On_stop_nothing_new_is_queued_and_what_waits_is_still_drawn_within_the_budget()
    {
        var drawing = pictures.RenderAsync("member-0", "v1", held.Render(0), CancellationToken.None);
        await held.Started.WaitAsync(Wait);
        var queued = pictures.RenderAsync("member-1", "v1", () => [1], CancellationToken.None);

        var stop = pictures.StopAsync(TimeSpan.FromSeconds(3));
        var afterStop = pictures.RenderAsync("member-2", "v1", () => [2], CancellationToken.None);
        Assert.True(afterStop.IsCompleted);
        Assert.Null(await afterStop);
        Assert.False(stop.IsCompleted);

        held.Release();
        await stop.WaitAsync(Wait);
        Assert.Equal([0], await drawing);
        Assert.Equal([1], await queued);
    }

    [Fact]
    public async Task On_stop_what_still_waits_when_the_budget_runs_out_is_answered_without_a_picture()
    {
        var drawing = pictures.RenderAsync("member-0", "v1", held.Render(0), CancellationToken.None);
        await held.Started.WaitAsync(Wait);
        var queued = pictures.RenderAsync("member-1", "v1", () => [1], CancellationToken.None);

        var stop = pictures.StopAsync(TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(3));

        // The waiting picture is given up at once (its reply goes out as text); the one being drawn finishes.
        Assert.Null(await queued.WaitAsync(Wait));
        Assert.False(drawing.IsCompleted);
        held.Release();
        Assert.Equal([0], await drawing.WaitAsync(Wait));
        await stop.WaitAsync(Wait);
    }

    [Fact]
    public void Equal_data_gives_equal_fingerprints_and_any_change_a_new_one()
    {
        var card = PictureSamples.StatsCard;
        var copy = card with { Topics = [.. card.Topics], Days = [.. card.Days] };

        Assert.Equal(ProgressPictures.Fingerprint(card), ProgressPictures.Fingerprint(copy));
        Assert.NotEqual(ProgressPictures.Fingerprint(card), ProgressPictures.Fingerprint(card with { Answered = card.Answered + 1 }));
        Assert.NotEqual(ProgressPictures.Fingerprint(card), ProgressPictures.Fingerprint(card with { DueByDay = [.. card.DueByDay.Skip(1), 0] }));
    }

    public void Dispose()
    {
        held.Release();
        pictures.Dispose();
    }

    /// <summary>A drawing the test holds on the worker thread until <see cref="Release"/>.</summary>
    private sealed class HeldRender
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => started.Task;

        public Func<byte[]> Render(byte value) => () =>
        {
            started.TrySetResult();
            gate.Task.Wait(Wait);
            return [value];
        };

        public void Release() => gate.TrySetResult();
    }
}

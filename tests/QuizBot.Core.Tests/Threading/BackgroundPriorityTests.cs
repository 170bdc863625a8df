using QuizBot.Core.Threading;

namespace QuizBot.Core.Tests.Threading;

/// <summary>
/// The nice value is read back from the kernel (/proc/self/task/ID/stat), not from what was asked for. Each test lowers a
/// thread of its own: a lowered thread cannot raise itself again without privileges, so the runner's threads are left alone.
/// </summary>
public sealed class BackgroundPriorityTests
{
    [Fact]
    public void Lowering_raises_the_calling_threads_nice_value_and_no_other()
    {
        var caller = Nice(BackgroundPriority.CurrentThreadId());
        var (before, lowered, after) = OnNewThread("lowered", () =>
        {
            var id = BackgroundPriority.CurrentThreadId();
            var before = Nice(id);
            var lowered = BackgroundPriority.LowerCurrentThread(3);
            return (before, lowered, Nice(id));
        });

        Assert.True(lowered);
        Assert.Equal(Math.Min(before + 3, BackgroundPriority.LowestNice), after);
        Assert.Equal(caller, Nice(BackgroundPriority.CurrentThreadId()));
    }

    [Fact]
    public void Lowering_twice_adds_up_and_stops_at_the_lowest_priority()
    {
        var (before, once, twice) = OnNewThread("lowered twice", () =>
        {
            var id = BackgroundPriority.CurrentThreadId();
            var before = Nice(id);
            BackgroundPriority.LowerCurrentThread(2);
            var once = Nice(id);
            BackgroundPriority.LowerCurrentThread(BackgroundPriority.LowestNice + 20);
            return (before, once, Nice(id));
        });

        Assert.Equal(Math.Min(before + 2, BackgroundPriority.LowestNice), once);
        Assert.Equal(BackgroundPriority.LowestNice, twice);
    }

    [Fact]
    public void A_thread_name_with_parentheses_and_spaces_does_not_shift_the_fields()
    {
        // The kernel's thread name sits in parentheses in the stat line and may hold both.
        var (expected, read) = OnNewThread("a) b (c", () =>
        {
            BackgroundPriority.LowerCurrentThread(BackgroundPriority.LowestNice + 20);
            return (BackgroundPriority.LowestNice, Nice(BackgroundPriority.CurrentThreadId()));
        });

        Assert.Equal(expected, read);
    }

    [Fact]
    public void A_thread_that_is_not_there_has_no_nice_value() =>
        Assert.Null(BackgroundPriority.NiceOf(int.MaxValue));

    [Fact]
    public void Negative_steps_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BackgroundPriority.LowerCurrentThread(-1));

    private static int Nice(int? threadId)
    {
        Assert.NotNull(threadId);
        var nice = BackgroundPriority.NiceOf(threadId.Value);
        Assert.NotNull(nice);
        return nice.Value;
    }

    private static T OnNewThread<T>(string name, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        })
        { Name = name };
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("the thread failed", failure);
    }
}

namespace QuizBot.LoadGen.Tests;

public sealed class DeferredRepliesTests
{
    [Fact]
    public void Every_deferral_delivered_once_passes_whichever_was_seen_first()
    {
        var replies = new DeferredReplies();
        replies.Expect("a");
        replies.Delivered("a", withFile: true);
        replies.Delivered("b", withFile: true);
        replies.Expect("b");

        var check = replies.Check();

        Assert.True(check.Passed, string.Join('\n', check.Lines));
        Assert.Equal(0, replies.Pending);
    }

    [Fact]
    public void A_missing_a_doubled_an_unasked_or_a_fileless_delivery_fails()
    {
        AssertFails(r => r.Expect("a"));
        AssertFails(r =>
        {
            r.Expect("a");
            r.Delivered("a", withFile: true);
            r.Delivered("a", withFile: true);
        });
        AssertFails(r => r.Delivered("z", withFile: true));
        AssertFails(r =>
        {
            r.Expect("a");
            r.Delivered("a", withFile: false);
        });
        AssertFails(r => r.Stray("POST /api/v10/channels/1/messages"));
    }

    private static void AssertFails(Action<DeferredReplies> happen)
    {
        var replies = new DeferredReplies();
        happen(replies);
        Assert.False(replies.Check().Passed);
    }
}

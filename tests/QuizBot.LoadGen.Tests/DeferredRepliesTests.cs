using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Models;

namespace QuizBot.LoadGen.Tests;

public sealed class DeferredRepliesTests
{
    private static readonly MessagePayload Card = new() { Content = "your stats" };

    [Fact]
    public void Every_deferral_delivered_once_passes_whichever_was_seen_first()
    {
        var replies = new DeferredReplies();
        replies.Expect("a", withFile: true);
        replies.Delivered("a", Card, withFile: true);
        replies.Delivered("b", Card, withFile: false);
        replies.Expect("b", withFile: false);

        var check = replies.Check();

        Assert.True(check.Passed, string.Join('\n', check.Lines));
        Assert.Equal(0, replies.Pending);
    }

    [Fact]
    public void A_missing_a_doubled_an_unasked_or_a_fileless_picture_fails()
    {
        AssertFails(r => r.Expect("a", withFile: false));
        AssertFails(r =>
        {
            r.Expect("a", withFile: false);
            r.Delivered("a", Card, withFile: false);
            r.Delivered("a", Card, withFile: false);
        });
        AssertFails(r => r.Delivered("z", Card, withFile: true));
        AssertFails(r =>
        {
            r.Expect("a", withFile: true);
            r.Delivered("a", Card, withFile: false);
        });
        AssertFails(r => r.Stray("POST /api/v10/channels/1/messages"));
    }

    [Fact]
    public void A_picture_reply_delivered_as_text_saying_the_picture_was_skipped_passes_and_is_counted()
    {
        var replies = new DeferredReplies();
        var skipped = new MessagePayload { Embeds = [new Embed { Title = "Stats", Footer = new EmbedFooter { Text = "Page 1/3\n" + QuizBot.Views.PictureAttachment.SkippedNote } }] };
        replies.Expect("a", withFile: true);
        replies.Delivered("a", skipped, withFile: false);
        replies.Expect("b", withFile: true);
        replies.Delivered("b", Card, withFile: true);
        // The podium's edit sets the picture alone, so it says so in the content.
        replies.Expect("c", withFile: true);
        replies.Delivered("c", QuizBot.Views.PictureAttachment.PictureSkipped(), withFile: false);

        var check = replies.Check();

        Assert.True(check.Passed, string.Join('\n', check.Lines));
        Assert.Equal(2, replies.PicturesSkipped);
        Assert.Contains("2 of them delivered as text saying the picture was skipped", check.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_answer_is_handed_to_whoever_waits_for_it_even_when_it_came_first()
    {
        var replies = new DeferredReplies();
        var clock = new FakeTimeProvider();
        replies.Delivered("early", Card, withFile: false);
        var waiting = replies.DeliveryAsync("late", TimeSpan.FromSeconds(30), clock);

        Assert.Same(Card, await replies.DeliveryAsync("early", TimeSpan.FromSeconds(30), clock));
        Assert.False(waiting.IsCompleted);
        replies.Delivered("late", Card, withFile: false);
        Assert.Same(Card, await waiting);
    }

    [Fact]
    public async Task An_answer_that_never_comes_is_null_once_patience_runs_out()
    {
        var replies = new DeferredReplies();
        var clock = new FakeTimeProvider();

        var waiting = replies.DeliveryAsync("never", TimeSpan.FromSeconds(30), clock);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await waiting);
    }

    private static void AssertFails(Action<DeferredReplies> happen)
    {
        var replies = new DeferredReplies();
        happen(replies);
        Assert.False(replies.Check().Passed);
    }
}

using Microsoft.Extensions.DependencyInjection;
using QuizBot.Discord.Models;
using QuizBot.Pictures;
using QuizBot.Progress;
using QuizBot.Tests.Support;
using QuizBot.Views;
using SkiaSharp;

namespace QuizBot.Tests.Modules;

public sealed class PictureModulesTests
{
    private static readonly TestUser Alice = new(101, "Alice");
    private static readonly TestUser Bob = new(202, "Bob");

    [Fact]
    public async Task Stats_keeps_its_text_embed_and_adds_the_card_as_its_image()
    {
        using var harness = new PipelineHarness();
        await PlayAsync(harness, Alice, right: 2);

        var reply = await harness.SendAsync(Alice.Command("stats"));
        var stats = await EditOf(reply);

        // The text is the reply, sent at once; the card comes in the edit of it, with the same text.
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.True(reply.IsEphemeral());
        Assert.Null(reply.Data!.Files);
        Assert.Null(Assert.Single(reply.Data.Embeds!).Image);
        Assert.Equal(reply.Text(), stats.Text());
        var embed = Assert.Single(stats.Data!.Embeds!);
        Assert.StartsWith("📊 Stats — Alice", embed.Title, StringComparison.Ordinal);
        Assert.Contains("67% (2/3)", stats.Text(), StringComparison.Ordinal);
        Assert.Equal(new Uri("attachment://stats.png"), embed.Image!.Url);
        var file = Assert.Single(stats.Data.Files!);
        Assert.Equal(ProgressPictures.StatsFileName, file.FileName);
        Assert.Equal("image/png", file.ContentType);
        Assert.Contains("67% right", file.Description ?? "", StringComparison.Ordinal);
        using var png = SKBitmap.Decode(file.Content.ToArray());
        Assert.Equal(StatsCardRenderer.Width, png.Width);
        Assert.Equal(Palette.Card, png.GetPixel(png.Width / 2, 8));
    }

    [Fact]
    public async Task The_card_is_reused_until_the_member_answers_again()
    {
        using var harness = new PipelineHarness();
        await PlayAsync(harness, Alice, right: 1);

        var first = CardOf(await EditOf(await harness.SendAsync(Alice.Command("stats"))));
        var again = CardOf(await EditOf(await harness.SendAsync(Alice.Command("stats"))));
        await PlayAsync(harness, Alice, right: 3);
        var afterAnswers = CardOf(await EditOf(await harness.SendAsync(Alice.Command("stats"))));

        Assert.Same(first, again);
        Assert.NotEqual(first, afterAnswers);
    }

    [Fact]
    public async Task A_member_without_answers_gets_a_card_too()
    {
        using var harness = new PipelineHarness();

        var stats = await EditOf(await harness.SendAsync(Bob.Command("stats")));

        Assert.Contains("No answers yet", stats.Text(), StringComparison.Ordinal);
        using var png = SKBitmap.Decode(CardOf(stats));
        Assert.Equal(StatsCardRenderer.Width, png.Width);
    }

    [Fact]
    public async Task The_podium_comes_in_an_edit_that_sets_the_picture_and_leaves_the_text_as_it_is()
    {
        using var harness = new PipelineHarness();
        await PlayAsync(harness, Alice, right: 3);
        await PlayAsync(harness, Bob, right: 1);

        var reply = await harness.SendAsync(Bob.Command("leaderboard"));
        var edit = await LaterEditOf(reply);

        Assert.StartsWith("🥇 Alice", Assert.Single(reply.Data!.Embeds!).Description, StringComparison.Ordinal);
        Assert.Null(reply.Data.Files);
        // No embeds, components or attachments list: a page turned meanwhile keeps its text, and the file is the one attachment.
        Assert.Null(edit.Embeds);
        Assert.Null(edit.Components);
        Assert.Null(edit.Attachments);
        Assert.Equal("", edit.Content);
        var file = Assert.Single(edit.Files!);
        Assert.Equal(ProgressPictures.PodiumFileName, file.FileName);
        Assert.Contains("1. Alice", file.Description ?? "", StringComparison.Ordinal);
        using var png = SKBitmap.Decode(file.Content.ToArray());
        Assert.Equal(PodiumRenderer.Width, png.Width);
        var first = PodiumRenderer.DiscCentre(1);
        Assert.Equal(Palette.Podium[0], png.GetPixel((int)first.X, (int)first.Y - 20));
    }

    [Fact]
    public async Task An_empty_leaderboard_has_no_picture_and_clears_any_earlier_one()
    {
        using var harness = new PipelineHarness();

        var board = await harness.SendAsync(Alice.Command("leaderboard"));

        Assert.Null(board.Data!.Files);
        Assert.Null(board.LaterEdit);
        Assert.Empty(board.Data.Attachments!);
        Assert.Contains("Nobody has answered", Assert.Single(board.Data.Embeds!).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_and_the_leaderboard_answer_at_once_rather_than_deferring()
    {
        using var harness = new PipelineHarness();

        Assert.False(harness.Pipeline.DefersAtOnce(Alice.Command("stats")));
        Assert.False(harness.Pipeline.DefersAtOnce(Alice.Command("leaderboard")));
    }

    [Fact]
    public async Task A_page_turn_keeps_the_podium_and_the_first_page_draws_it_again()
    {
        using var harness = new PipelineHarness();
        for (var i = 0; i < 11; i++)
        {
            await PlayAsync(harness, new TestUser(1000UL + (ulong)i, $"Player {i}"), right: 1 + (i % 3));
        }

        var first = await harness.SendAsync(Alice.Command("leaderboard"));
        var second = await harness.SendAsync(Alice.Click(first.ButtonId(LeaderboardView.NextLabel)));
        var back = await harness.SendAsync(Alice.Click(second.ButtonId(LeaderboardView.PreviousLabel)));

        // A page turn leaves out attachments, so Discord keeps the podium the message has.
        Assert.Equal(InteractionCallbackType.UpdateMessage, second.Type);
        Assert.Null(second.LaterEdit);
        Assert.Null(second.Data!.Attachments);
        Assert.Equal(InteractionCallbackType.UpdateMessage, back.Type);
        Assert.Null(back.Data!.Attachments);
        Assert.Null(back.Data.Files);
        var podium = await LaterEditOf(back);
        Assert.Null(podium.Embeds);
        Assert.Equal(ProgressPictures.PodiumFileName, Assert.Single(podium.Files!).FileName);
    }

    [Fact]
    public async Task When_the_drawing_queue_is_full_the_reply_is_its_text_and_says_the_picture_was_skipped()
    {
        using var pictures = new ProgressPictures(new StatsCardRenderer(), new PodiumRenderer(), workers: 1, queueCapacity: 1);
        using var harness = new PipelineHarness(configure: services => services.AddSingleton(pictures));
        await PlayAsync(harness, Alice, right: 3);
        using var full = new HeldDrawing(pictures, fillQueue: true);
        await full.StartedAsync();

        var stats = await EditOf(await harness.SendAsync(Alice.Command("stats")));
        var board = await LaterEditOf(await harness.SendAsync(Alice.Command("leaderboard")));

        Assert.Null(stats.Data!.Files);
        Assert.Contains("100% (3/3)", stats.Text(), StringComparison.Ordinal);
        Assert.Equal(PictureAttachment.SkippedNote, stats.Data.Embeds![0].Footer!.Text);
        Assert.Null(board.Files);
        Assert.Empty(board.Attachments!);
        Assert.Null(board.Embeds);
        Assert.Equal(PictureAttachment.SkippedNote, board.Content);
        await full.ReleasedAsync();
    }

    [Fact]
    public async Task A_skipped_podium_is_said_on_a_new_board_and_left_alone_on_a_page_turned_back_to()
    {
        using var pictures = new ProgressPictures(new StatsCardRenderer(), new PodiumRenderer(), workers: 1, queueCapacity: 1);
        using var harness = new PipelineHarness(configure: services => services.AddSingleton(pictures));
        for (var i = 0; i < 11; i++)
        {
            await PlayAsync(harness, new TestUser(1000UL + (ulong)i, $"Player {i}"), right: 1 + (i % 3));
        }

        using var full = new HeldDrawing(pictures, fillQueue: true);
        await full.StartedAsync();

        var first = await harness.SendAsync(Alice.Command("leaderboard"));
        var second = await harness.SendAsync(Alice.Click(first.ButtonId(LeaderboardView.NextLabel)));
        var back = await harness.SendAsync(Alice.Click(second.ButtonId(LeaderboardView.PreviousLabel)));

        Assert.Equal(PictureAttachment.SkippedNote, (await LaterEditOf(first)).Content);
        // The message may show a podium drawn before: an edit taking it away to say "skipped" would be a loss.
        Assert.Null(await Assert.IsType<Task<MessagePayload?>>(back.LaterEdit, exactMatch: false).WaitAsync(TimeSpan.FromSeconds(30)));
        await full.ReleasedAsync();
    }

    [Fact]
    public void The_podium_takes_the_first_three_ranks_with_the_boards_metric()
    {
        var rows = new[] { Row(1, "Ann", 50, 10, 9), Row(2, "Ben", 40, 10, 5), Row(3, "Cy", 30, 20, 20), Row(4, "Di", 20, 10, 1) };
        var board = new Core.Ports.Leaderboard(Core.Ports.LeaderboardPeriod.Week, Core.Ports.LeaderboardMetric.Accuracy, rows, null, 4);

        var podium = LeaderboardPodiumView.Podium(board)!;

        Assert.Equal("Top 3 — this week, by accuracy", podium.Title);
        Assert.Equal(["Ann", "Ben", "Cy"], podium.Places.Select(p => p.DisplayName));
        Assert.Equal("100% · 30 pts", podium.Places[2].Score);
        Assert.Null(LeaderboardPodiumView.Podium(board with { Rows = [Row(11, "Late", 1, 1, 1)] }));
    }

    private static Core.Ports.LeaderboardRow Row(int rank, string name, int points, int answered, int correct) =>
        new(rank, name.ToLowerInvariant(), name, points, answered, correct);

    /// <summary>The reply as its later edit shows it (what the dispatcher sends as the edit of @original).</summary>
    private static async Task<InteractionResponse> EditOf(InteractionResponse reply)
    {
        var edit = await LaterEditOf(reply);
        return reply with { Data = new InteractionCallbackData(reply.IsEphemeral() ? edit.AsEphemeral() : edit), LaterEdit = null };
    }

    /// <summary>The edit of @original the reply is followed by.</summary>
    private static async Task<MessagePayload> LaterEditOf(InteractionResponse reply)
    {
        var edit = await Assert.IsType<Task<MessagePayload?>>(reply.LaterEdit, exactMatch: false).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(edit);
        return edit;
    }

    private static byte[] CardOf(InteractionResponse stats)
    {
        var file = Assert.Single(stats.Data!.Files!);
        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(file.Content, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : file.Content.ToArray();
    }

    private static async Task PlayAsync(PipelineHarness harness, TestUser user, int right)
    {
        var play = new QuizPlaythrough(harness.SendAsync, user);
        var screen = await harness.SendAsync(user.Command("quiz", InteractionDataOption.Integer("length", 3)));
        for (var i = 0; i < 3; i++)
        {
            // The reply shows the next question below the reveal.
            screen = await play.AnswerAsync(screen, correctly: i < right);
        }
    }
}

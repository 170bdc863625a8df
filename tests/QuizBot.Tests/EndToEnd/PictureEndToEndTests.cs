using Microsoft.Extensions.Hosting;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Modules;
using QuizBot.Pictures;
using QuizBot.Progress;
using QuizBot.Tests.Support;
using QuizBot.Views;
using SkiaSharp;

namespace QuizBot.Tests.EndToEnd;

/// <summary>
/// /stats and /leaderboard pictures through the real host: both commands answer with their text at once (type 4) and
/// their pictures arrive in a multipart edit of @original once drawn, over HTTP and over the gateway alike.
/// </summary>
public sealed class PictureEndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task Stats_and_the_podium_reach_discord_as_files_named_in_the_payload(Transport transport)
    {
        await using var bot = await RunningBot.StartAsync(transport);
        var play = new QuizPlaythrough(bot.SendAsync, Alice);
        await play.AnswerAsync(await bot.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 1))), correctly: true);

        var command = Alice.Command("stats");
        var stats = await bot.SendAsync(command);
        var upload = await bot.UploadForAsync(command);

        // The text is the reply itself (type 4, no deferral); the card then edits it, text included.
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, stats.Type);
        Assert.True(stats.IsEphemeral());
        Assert.Contains("Stats — Alice", stats.Text(), StringComparison.Ordinal);
        Assert.False(stats.Data!.HasFiles);
        Assert.Null(upload.Payload["flags"]);
        Assert.Contains("Stats — Alice", upload.Payload["embeds"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var attachment = Assert.Single(upload.Payload["attachments"]!.AsArray());
        Assert.Equal(("0", "stats.png"), (attachment!["id"]!.ToString(), attachment["filename"]!.GetValue<string>()));
        var embed = upload.Payload["embeds"]![0]!;
        Assert.Equal("attachment://stats.png", embed["image"]!["url"]!.GetValue<string>());
        var file = Assert.Single(upload.Files);
        Assert.Equal(("stats.png", "image/png"), (file.FileName, file.ContentType));
        using (var png = SKBitmap.Decode(file.Content))
        {
            Assert.Equal(StatsCardRenderer.Width, png.Width);
        }

        var leaderboard = Alice.Command("leaderboard");
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, (await bot.SendAsync(leaderboard)).Type);
        var podium = Assert.Single((await bot.UploadForAsync(leaderboard)).Files);
        Assert.Equal("podium.png", podium.FileName);
        using (var png = SKBitmap.Decode(podium.Content))
        {
            Assert.Equal(PodiumRenderer.Width, png.Width);
        }
    }

    [Fact]
    public async Task When_the_drawing_queue_is_full_the_text_reply_is_edited_once_to_say_the_picture_was_skipped()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        using var full = new HeldDrawing(bot.Service<ProgressPictures>(), fillQueue: true);
        await full.StartedAsync();

        var command = Alice.Command("stats");
        var stats = await bot.SendAsync(command);
        var patch = await bot.Rest.WaitForRequestAsync("PATCH", $"/webhooks/{TestUser.Application}/{command.Token}/messages/@original");

        Assert.Contains("Stats — ", stats.Text(), StringComparison.Ordinal);
        Assert.False(patch.IsMultipart);
        var edit = patch.JsonPayload!;
        Assert.Empty(edit["attachments"]!.AsArray());
        Assert.Equal(PictureAttachment.SkippedNote, edit["embeds"]![0]!["footer"]!["text"]!.GetValue<string>());
        await full.ReleasedAsync();
        Assert.Single(bot.Rest.Requests, r => r.Method == "PATCH" && r.Path.Contains(command.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_picture_still_waiting_when_the_bot_stops_is_drawn_and_delivered_before_the_host_has_stopped()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        var pictures = bot.Service<ProgressPictures>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bot.Service<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);
        using var held = new HeldDrawing(pictures);
        await held.StartedAsync();
        var command = Alice.Command("stats");
        var stats = await bot.SendAsync(command);
        Assert.Contains("Stats — ", stats.Text(), StringComparison.Ordinal);

        // The stop begins with the card still queued behind the held drawing; released, the card is drawn and delivered
        // inside the picture budget, and the host then finishes stopping: nothing hangs, the text already sent stays.
        var restart = bot.RestartAsync();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
        held.Release();
        await restart.WaitAsync(TimeSpan.FromSeconds(60));

        var upload = await bot.UploadForAsync(command);
        Assert.Equal("stats.png", Assert.Single(upload.Files).FileName);
    }

    /// <summary>
    /// The race of a picture drawn after the member has moved on: the board goes out as text, the podium waits behind
    /// busy drawing threads, and meanwhile the member turns the page, back (which asks for the podium again) and on
    /// again. Released, both podium edits land last, and the message must still show the page the member chose.
    /// </summary>
    /// <param name="forcedDeferral">
    /// Every interaction of the race deferred (Discord:DeferAfter=0): the board and each page then reach the message as
    /// their own edits of @original before the podium's, on the same tokens.
    /// </param>
    [Theory]
    [InlineData(Transport.Http, false)]
    [InlineData(Transport.Gateway, false)]
    [InlineData(Transport.Http, true)]
    [InlineData(Transport.Gateway, true)]
    public async Task A_podium_drawn_after_the_member_turned_the_page_leaves_the_page_they_turned_to(Transport transport, bool forcedDeferral)
    {
        await using var bot = await RunningBot.StartAsync(transport);
        for (var i = 0; i <= LeaderboardModule.PageSize; i++)
        {
            var player = new TestUser(500 + (ulong)i, $"Player {i}");
            await new QuizPlaythrough(bot.SendAsync, player).AnswerAsync(await bot.SendAsync(player.Command("quiz", InteractionDataOption.Integer("length", 1))), correctly: i % 2 == 0);
        }

        Func<Interaction, Task<InteractionResponse>> send = bot.SendAsync;
        if (forcedDeferral)
        {
            bot.DiscordOptions.DeferAfter = TimeSpan.Zero;
            send = new DeferredDelivery(bot).SendAsync;
        }

        using var held = new HeldDrawing(bot.Service<ProgressPictures>());
        await held.StartedAsync();
        var command = Alice.Command("leaderboard");
        var board = await send(command);
        var shown = ShownMessage.CreatedBy(board);
        var next = await send(Alice.Click(board.ButtonId(LeaderboardView.NextLabel)));
        shown.Apply(next);
        var back = Alice.Click(next.ButtonId(LeaderboardView.PreviousLabel));
        var first = await send(back);
        shown.Apply(first);
        shown.Apply(await send(Alice.Click(first.ButtonId(LeaderboardView.NextLabel))));

        // The podium's edits are the ones carrying its file; a deferred reply's own edit of @original carries text only.
        bool IsPodiumEdit(RecordedRequest r) => r.Method == "PATCH" && r.IsMultipart
            && (r.Path.Contains(command.Token, StringComparison.Ordinal) || r.Path.Contains(back.Token, StringComparison.Ordinal));
        bool IsPodiumEditOf(RecordedRequest r, Interaction i) => IsPodiumEdit(r) && r.Path.Contains(i.Token, StringComparison.Ordinal);
        Assert.StartsWith("Page 2/2", shown.Footer, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Rest.Requests, IsPodiumEdit);

        held.Release();
        await bot.Rest.WaitForRequestAsync(r => IsPodiumEditOf(r, command));
        await bot.Rest.WaitForRequestAsync(r => IsPodiumEditOf(r, back));
        var edits = bot.Rest.Requests.Where(IsPodiumEdit).ToList();
        foreach (var edit in edits)
        {
            shown.Apply(edit);
        }

        Assert.Equal(2, edits.Count);
        Assert.StartsWith("Page 2/2", shown.Footer, StringComparison.Ordinal);
        Assert.Equal([(LeaderboardView.PreviousLabel, false), (LeaderboardView.NextLabel, true)], shown.Buttons);
        Assert.Equal([ProgressPictures.PodiumFileName], shown.Attachments);
    }
}

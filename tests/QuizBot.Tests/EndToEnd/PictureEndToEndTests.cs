using QuizBot.Discord.Models;
using QuizBot.Pictures;
using QuizBot.Tests.Support;
using SkiaSharp;

namespace QuizBot.Tests.EndToEnd;

/// <summary>
/// /stats and /leaderboard pictures through the real host: both commands are deferred at once and their pictures
/// arrive in the multipart edit of @original, over HTTP and over the gateway alike.
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

        Assert.True(stats.IsEphemeral());
        Assert.Contains("Stats — Alice", stats.Text(), StringComparison.Ordinal);
        var embed = upload.Payload["embeds"]![0]!;
        Assert.Equal("attachment://stats.png", embed["image"]!["url"]!.GetValue<string>());
        var file = Assert.Single(upload.Files);
        Assert.Equal(("stats.png", "image/png"), (file.FileName, file.ContentType));
        using (var png = SKBitmap.Decode(file.Content))
        {
            Assert.Equal(StatsCardRenderer.Width, png.Width);
        }

        var leaderboard = Alice.Command("leaderboard");
        await bot.SendAsync(leaderboard);
        var podium = Assert.Single((await bot.UploadForAsync(leaderboard)).Files);
        Assert.Equal("podium.png", podium.FileName);
        using (var png = SKBitmap.Decode(podium.Content))
        {
            Assert.Equal(PodiumRenderer.Width, png.Width);
        }
    }
}

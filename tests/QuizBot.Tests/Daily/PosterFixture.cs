using System.Net;
using Moq;
using QuizBot.Content;
using QuizBot.Core.Ports;
using QuizBot.Core.Daily;
using QuizBot.Daily;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Sqlite;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Daily;

/// <summary>A daily poster on a real SQLite file, a fake clock and a REST client that records (or refuses) channel posts.</summary>
internal sealed class PosterFixture : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly List<(ulong ChannelId, MessagePayload Payload)> posts = [];
    private readonly Dictionary<ulong, HttpStatusCode> refusals = [];
    private long nextMessageId = 8_000;

    public PosterFixture(DateTimeOffset start, bool token = true, SqliteStore? store = null)
    {
        Time = new TimerSignallingClock(start);
        Store = store ?? SqliteStore.Open(folder.File("bot.db"));
        Rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        Rest.Setup(r => r.CreateMessageOnceAsync(It.IsAny<ulong>(), It.IsAny<NoncedMessagePayload>(), It.IsAny<CancellationToken>()))
            .Returns((ulong channel, NoncedMessagePayload payload, CancellationToken _) => Post(channel, payload));
        Logger = new RecordingLogger<DailyQuestionPoster>();
        Poster = new DailyQuestionPoster(Store.Guilds, Rest.Object, new DailyPicker(new DeckLibrary(RealDeck.All).Catalog), new BotTokenStatus(token), Time, Logger);
    }

    /// <summary>The poster's clock; it says when the poster starts waiting for the next minute.</summary>
    public TimerSignallingClock Time { get; }

    public SqliteStore Store { get; }

    public Mock<IDiscordRestClient> Rest { get; }

    public RecordingLogger<DailyQuestionPoster> Logger { get; }

    public DailyQuestionPoster Poster { get; }

    /// <summary>Completes when the next channel post arrives.</summary>
    public TaskCompletionSource<ulong> NextPost { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(ulong ChannelId, MessagePayload Payload)> Posts
    {
        get
        {
            lock (posts)
            {
                return [.. posts];
            }
        }
    }

    public void Refuse(ulong channelId, HttpStatusCode status) => refusals[channelId] = status;

    public void Allow(ulong channelId) => refusals.Remove(channelId);

    public Task DailyAsync(string scope, ulong? channelId, int hour) =>
        Store.Guilds.SaveSettingsAsync(new GuildSettings(scope, channelId?.ToString(System.Globalization.CultureInfo.InvariantCulture), hour, null));

    public void Dispose()
    {
        Store.Dispose();
        folder.Dispose();
    }

    private Task<Message> Post(ulong channel, MessagePayload payload)
    {
        if (refusals.TryGetValue(channel, out var status))
        {
            var (code, text) = status == HttpStatusCode.Forbidden ? (50001, "Missing Access") : (10003, "Unknown Channel");
            throw new DiscordApiException(status, code, text, "POST", "/channels/{channel.id}/messages");
        }

        lock (posts)
        {
            posts.Add((channel, payload));
        }

        var completed = NextPost;
        NextPost = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);
        completed.TrySetResult(channel);
        return Task.FromResult(new Message { Id = (ulong)Interlocked.Increment(ref nextMessageId), ChannelId = channel });
    }
}

using Microsoft.Extensions.Logging;
using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// Posts a trivia game's progress through the start interaction's webhook (no bot token needed): when a
/// question's time is up it edits that question's message into the reveal, then posts the next question as a
/// follow-up, or the final standings after the last. A failed Discord call ends the game rather than leaving
/// a question nobody can see.
/// </summary>
public sealed partial class TriviaAnnouncer(LiveTriviaGames games, IDiscordRestClient rest, ILogger<TriviaAnnouncer> logger)
{
    /// <summary>Reveals every question whose time is up, in all channels.</summary>
    public Task RevealDueAsync(CancellationToken cancellationToken)
    {
        var due = games.All.Where(live => live.Read(game => game.IsDue)).ToList();
        return Task.WhenAll(due.Select(live => AdvanceAsync(live, cancellationToken)));
    }

    /// <summary>Reveals the game's current question if its time is up and moves the game on.</summary>
    public async Task AdvanceAsync(LiveTrivia live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        await live.Progress.WaitAsync(cancellationToken);
        try
        {
            var (reveal, next, standings, asked) = live.Read(game => game.IsDue
                ? (game.CloseQuestion(), game.Current, game.Standings(), game.CurrentIndex + 1)
                : (null, null, [], 0));
            if (reveal is null)
            {
                return;
            }

            await EditQuestionMessageAsync(live, TriviaView.Reveal(reveal, live.Title), cancellationToken);
            if (next is null)
            {
                games.Remove(live);
                await rest.CreateFollowupMessageAsync(live.InteractionToken, TriviaView.Standings(standings, live.Title, asked), cancellationToken);
                LogFinished(live.Id, live.ChannelId, standings.Count);
                return;
            }

            var message = await rest.CreateFollowupMessageAsync(live.InteractionToken, TriviaView.Question(next, live.Id, live.Title), cancellationToken);
            live.QuestionMessageId = message.Id;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAbandoned(exception, live.Id, live.ChannelId);
            live.Read(game => game.Stop());
            games.Remove(live);
        }
        finally
        {
            live.Progress.Release();
        }
    }

    /// <summary>
    /// Stops the game: reveals the current question in its message and ends the game. Returns the final
    /// standings and how many questions were asked, or null when the game had already ended.
    /// </summary>
    public async Task<(IReadOnlyList<TriviaStanding> Standings, int Asked)?> StopAsync(LiveTrivia live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        await live.Progress.WaitAsync(cancellationToken);
        try
        {
            var (reveal, standings, asked) = live.Read(game => (game.Stop(), game.Standings(), game.CurrentIndex + 1));
            games.Remove(live);
            if (reveal is null)
            {
                return null;
            }

            try
            {
                await EditQuestionMessageAsync(live, TriviaView.Reveal(reveal, live.Title), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The standings still go out with the stop command's own reply.
                LogAbandoned(exception, live.Id, live.ChannelId);
            }

            return (standings, asked);
        }
        finally
        {
            live.Progress.Release();
        }
    }

    private Task<Message> EditQuestionMessageAsync(LiveTrivia live, MessagePayload payload, CancellationToken cancellationToken) =>
        live.QuestionMessageId is { } messageId
            ? rest.EditFollowupMessageAsync(live.InteractionToken, messageId, payload, cancellationToken)
            : rest.EditOriginalResponseAsync(live.InteractionToken, payload, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trivia game {GameId} in channel {ChannelId} finished with {Players} player(s)")]
    private partial void LogFinished(string gameId, ulong channelId, int players);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trivia game {GameId} in channel {ChannelId} ended: posting its progress to Discord failed")]
    private partial void LogAbandoned(Exception exception, string gameId, ulong channelId);
}

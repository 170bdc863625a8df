using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuizBot.Core.Trivia;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;
using QuizBot.Hosting;
using QuizBot.Views;

namespace QuizBot.Modules;

/// <summary>
/// Drives one trivia game as far as it can go now, for the instance holding its lease: each step is decided by
/// <see cref="TriviaProgress"/> from the stored game, posted to Discord through the start interaction's webhook
/// (edit the question into its reveal, post the next question, post the standings), and recorded in the store,
/// so a restart or another instance resumes at the first step not recorded. A Discord call that keeps failing
/// (the REST client has already waited out 429s and retried 5xx answers) ends the game with the standings so far.
/// </summary>
public sealed partial class TriviaAnnouncer(
    TriviaService trivia,
    IDiscordRestClient rest,
    IOptions<TriviaOptions> options,
    TimeProvider time,
    ILogger<TriviaAnnouncer> logger)
{
    // A guard against a game whose writes keep not applying: the scheduler comes back on its next pass.
    private const int MaxStepsPerCall = 200;

    private ITriviaStore Store => trivia.Store;

    private string Owner => options.Value.InstanceId;

    /// <summary>
    /// Advances the game until it has to wait (for a deadline), is done, or this instance no longer holds its lease.
    /// The caller holds the lease when it calls.
    /// </summary>
    public async Task AdvanceAsync(string gameId, CancellationToken cancellationToken)
    {
        var failures = 0;
        for (var steps = 0; steps < MaxStepsPerCall; steps++)
        {
            var now = time.GetUtcNow();
            var state = await Store.GetAsync(gameId, cancellationToken);
            if (state is null || state.Game.LeaseOwner != Owner || state.Game.LeaseExpiresAt <= now)
            {
                return;
            }

            var step = TriviaProgress.Next(state, now, options.Value.Timing);
            if (step is TriviaStep.Wait or TriviaStep.Done)
            {
                return;
            }

            try
            {
                await PerformAsync(state, step, now, cancellationToken);
                failures = 0;
            }
            catch (Exception exception) when (IsDiscordFailure(exception, cancellationToken))
            {
                failures++;
                LogPostFailed(exception, gameId, state.Game.ChannelId, step.GetType().Name, failures);
                if (failures < options.Value.MaxFailedPosts && IsWorthRetrying(exception))
                {
                    continue;
                }

                failures = 0;
                // Give up on this post: a running game ends (its wrap-up is tried next); an ended one stops posting.
                _ = state.Game.IsRunning
                    ? await Store.EndAsync(gameId, Owner, TriviaEndReason.DiscordFailed, time.GetUtcNow(), cancellationToken)
                    : await Store.FinishAsync(gameId, Owner, time.GetUtcNow(), cancellationToken);
            }
        }
    }

    private async Task PerformAsync(TriviaGameState state, TriviaStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var game = state.Game;
        var id = game.Id;
        var board = trivia.BoardFor(game.DeckId);
        if (board is null || !state.Rounds.All(board.Knows))
        {
            // The deck was removed or edited under a running game: nothing can be shown, so the game ends quietly.
            LogDeckGone(id, game.DeckId);
            if (game.IsRunning)
            {
                await Store.EndAsync(id, Owner, TriviaEndReason.Unattended, now, cancellationToken);
            }

            await Store.FinishAsync(id, Owner, now, cancellationToken);
            return;
        }

        var token = game.InteractionToken!;
        switch (step)
        {
            case TriviaStep.CloseRound close:
                await Store.CloseRoundAsync(id, Owner, close.Round, now, cancellationToken);
                break;

            case TriviaStep.End end:
                await Store.EndAsync(id, Owner, end.Reason, now, cancellationToken);
                LogEnded(id, game.ChannelId, end.Reason);
                break;

            case TriviaStep.OpenRound open:
                await Store.OpenRoundAsync(id, Owner, open.Round, now, now + game.TimeLimit, cancellationToken);
                break;

            case TriviaStep.PostQuestion post:
                var question = board.Question(state.Rounds[post.Round], state.Rounds.Count);
                var message = await rest.CreateFollowupMessageAsync(token, TriviaView.Question(question, id, game.Title), cancellationToken);
                await Store.MarkQuestionPostedAsync(id, Owner, post.Round, message.Id, time.GetUtcNow(), cancellationToken);
                break;

            case TriviaStep.PostReveal reveal:
                var round = state.Rounds[reveal.Round];
                var payload = TriviaView.Reveal(board.Reveal(state, reveal.Round), game.Title);
                await (round.Index == 0
                    ? rest.EditOriginalResponseAsync(token, payload, cancellationToken)
                    : round.MessageId is { } messageId
                        ? rest.EditFollowupMessageAsync(token, messageId, payload, cancellationToken)
                        : rest.CreateFollowupMessageAsync(token, payload, cancellationToken));
                await Store.MarkRevealPostedAsync(id, Owner, reveal.Round, time.GetUtcNow(), cancellationToken);
                break;

            case TriviaStep.PostStandings:
                var result = TriviaScoreboard.Result(state);
                await rest.CreateFollowupMessageAsync(token, TriviaView.Standings(result), cancellationToken);
                await Store.FinishAsync(id, Owner, time.GetUtcNow(), cancellationToken);
                LogFinished(id, game.ChannelId, result.Standings.Count, result.Reason);
                break;

            case TriviaStep.PostStandingsInChannel:
                await PostInChannelAsync(state, cancellationToken);
                await Store.FinishAsync(id, Owner, time.GetUtcNow(), cancellationToken);
                break;

            case TriviaStep.Finish:
                await Store.FinishAsync(id, Owner, now, cancellationToken);
                break;
        }
    }

    /// <summary>The token is dead, so the standings go out as an ordinary bot message; without a bot token or permission they are only logged.</summary>
    private async Task PostInChannelAsync(TriviaGameState state, CancellationToken cancellationToken)
    {
        var result = TriviaScoreboard.Result(state);
        try
        {
            await rest.CreateMessageAsync(state.Game.ChannelId, TriviaView.Standings(result), cancellationToken);
        }
        catch (Exception exception) when (IsDiscordFailure(exception, cancellationToken))
        {
            LogPostFailed(exception, state.Game.Id, state.Game.ChannelId, nameof(TriviaStep.PostStandingsInChannel), 1);
        }

        LogFinished(state.Game.Id, state.Game.ChannelId, result.Standings.Count, result.Reason);
    }

    private static bool IsDiscordFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is DiscordApiException or HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    // A 4xx other than a rate limit (which the REST client waits out) will be refused again.
    private static bool IsWorthRetrying(Exception exception) =>
        exception is not DiscordApiException api || api.Status == 0 || (int)api.Status >= 500 || api.Status == HttpStatusCode.TooManyRequests;

    [LoggerMessage(Level = LogLevel.Information, Message = "Trivia game {GameId} in channel {ChannelId} finished ({Reason}) with {Players} player(s)")]
    private partial void LogFinished(string gameId, ulong channelId, int players, TriviaEndReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trivia game {GameId} in channel {ChannelId} ends early: {Reason}")]
    private partial void LogEnded(string gameId, ulong channelId, TriviaEndReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trivia game {GameId} in channel {ChannelId}: {Step} failed ({Failures} in a row)")]
    private partial void LogPostFailed(Exception exception, string gameId, ulong channelId, string step, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trivia game {GameId} ends: its deck {DeckId} is no longer loaded as it was")]
    private partial void LogDeckGone(string gameId, string deckId);
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
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
/// Fencing: every step is decided and recorded under the lease's tenure (<see cref="TriviaLease"/>), so a driver that
/// stalled past its lease records nothing. A follow-up that creates a message is claimed for the tenure before it is
/// sent (Discord's Execute Webhook takes no nonce), so it goes out at most once whoever takes over; the standings'
/// channel message carries a nonce per game with <c>enforce_nonce</c>, so Discord itself keeps it to one.
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

    /// <summary>
    /// Advances the game until it has to wait (for a deadline), is done, or <paramref name="lease"/> is no longer the
    /// game's (run out, or taken by another tenure). The caller took the lease when it calls.
    /// </summary>
    public async Task AdvanceAsync(string gameId, TriviaLease lease, CancellationToken cancellationToken)
    {
        var failures = 0;
        for (var steps = 0; steps < MaxStepsPerCall; steps++)
        {
            var now = time.GetUtcNow();
            var state = await Store.GetAsync(gameId, cancellationToken);
            if (state is null || state.Game.LeaseOwner != lease.Owner || state.Game.LeaseEpoch != lease.Epoch || state.Game.LeaseExpiresAt <= now)
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
                await PerformAsync(state, lease, step, now, cancellationToken);
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
                    ? await Store.EndAsync(gameId, lease, TriviaEndReason.DiscordFailed, time.GetUtcNow(), cancellationToken)
                    : await Store.FinishAsync(gameId, lease, time.GetUtcNow(), cancellationToken);
            }
        }
    }

    private async Task PerformAsync(TriviaGameState state, TriviaLease lease, TriviaStep step, DateTimeOffset now, CancellationToken cancellationToken)
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
                await Store.EndAsync(id, lease, TriviaEndReason.Unattended, now, cancellationToken);
            }

            await Store.FinishAsync(id, lease, now, cancellationToken);
            return;
        }

        var token = game.InteractionToken!;
        switch (step)
        {
            case TriviaStep.CloseRound close:
                await Store.CloseRoundAsync(id, lease, close.Round, now, cancellationToken);
                break;

            case TriviaStep.End end:
                await Store.EndAsync(id, lease, end.Reason, now, cancellationToken);
                LogEnded(id, game.ChannelId, end.Reason);
                break;

            case TriviaStep.OpenRound open:
                await Store.OpenRoundAsync(id, lease, open.Round, now, now + game.TimeLimit, cancellationToken);
                break;

            case TriviaStep.PostQuestion post:
                if (await Store.ClaimPostAsync(id, lease, new TriviaPost.Question(post.Round), now, cancellationToken) != TriviaClaim.Claimed)
                {
                    break;
                }

                // Claimed: this tenure alone sends it, even if its lease runs out meanwhile (then its record is refused).
                var question = board.Question(state.Rounds[post.Round], state.Rounds.Count);
                var message = await rest.CreateFollowupMessageAsync(token, TriviaView.Question(question, id, game.Title), cancellationToken);
                await Store.MarkQuestionPostedAsync(id, lease, post.Round, message.Id, time.GetUtcNow(), cancellationToken);
                break;

            case TriviaStep.PostReveal reveal:
                var round = state.Rounds[reveal.Round];
                var payload = TriviaView.Reveal(board.Reveal(state, reveal.Round), game.Title);
                if (round.Index == 0)
                {
                    await rest.EditOriginalResponseAsync(token, payload, cancellationToken);
                }
                else if (round.MessageId is { } messageId)
                {
                    await rest.EditFollowupMessageAsync(token, messageId, payload, cancellationToken);
                }
                else if (await Store.ClaimPostAsync(id, lease, new TriviaPost.Reveal(reveal.Round), now, cancellationToken) is var claim && claim == TriviaClaim.Claimed)
                {
                    // The question has no message to edit (its post failed, or an earlier tenure's record was refused).
                    await rest.CreateFollowupMessageAsync(token, payload, cancellationToken);
                }
                else if (claim == TriviaClaim.LeaseLost)
                {
                    break;
                }

                // Edited, sent, or sent by an earlier tenure that claimed it: record it.
                await Store.MarkRevealPostedAsync(id, lease, reveal.Round, time.GetUtcNow(), cancellationToken);
                break;

            case TriviaStep.PostStandings:
                var standings = await Store.ClaimPostAsync(id, lease, new TriviaPost.Standings(), now, cancellationToken);
                if (standings == TriviaClaim.LeaseLost)
                {
                    break;
                }

                if (standings == TriviaClaim.Claimed)
                {
                    var result = TriviaScoreboard.Result(state);
                    await rest.CreateFollowupMessageAsync(token, TriviaView.Standings(result), cancellationToken);
                    LogFinished(id, game.ChannelId, result.Standings.Count, result.Reason);
                }

                await Store.FinishAsync(id, lease, time.GetUtcNow(), cancellationToken);
                break;

            case TriviaStep.PostStandingsInChannel:
                await PostInChannelAsync(state, cancellationToken);
                await Store.FinishAsync(id, lease, time.GetUtcNow(), cancellationToken);
                break;

            case TriviaStep.Finish:
                await Store.FinishAsync(id, lease, now, cancellationToken);
                break;
        }
    }

    /// <summary>The token is dead, so the standings go out as an ordinary bot message; without a bot token or permission they are only logged.</summary>
    private async Task PostInChannelAsync(TriviaGameState state, CancellationToken cancellationToken)
    {
        var result = TriviaScoreboard.Result(state);
        try
        {
            await rest.CreateMessageOnceAsync(state.Game.ChannelId, new NoncedMessagePayload(TriviaView.Standings(result), StandingsNonce(state.Game.Id)), cancellationToken);
        }
        catch (Exception exception) when (IsDiscordFailure(exception, cancellationToken))
        {
            LogPostFailed(exception, state.Game.Id, state.Game.ChannelId, nameof(TriviaStep.PostStandingsInChannel), 1);
        }

        LogFinished(state.Game.Id, state.Game.ChannelId, result.Standings.Count, result.Reason);
    }

    /// <summary>
    /// The standings' channel message's nonce: the same for every instance and retry of one game, so Discord keeps the
    /// message to one (24 hex characters of a hash of the game id; Discord allows 25).
    /// </summary>
    public static string StandingsNonce(string gameId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("trivia-standings:" + gameId)))[..24];

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

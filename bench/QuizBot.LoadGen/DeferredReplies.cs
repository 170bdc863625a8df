using System.Collections.Concurrent;
using QuizBot.Discord.Models;

namespace QuizBot.LoadGen;

/// <summary>
/// The deferred replies the bot owes. A reply with a picture (/stats, /leaderboard) answers with its text at once
/// (type 4; older builds deferred it, type 5) and is then edited once, by an edit of @original with its file (or, when
/// the bot's drawing queue was full, with a note saying the picture was skipped); any other reply defers only when the bot is slow (past
/// Discord's 3 s, e.g. on a loaded machine) and its answer arrives the same way, without a file. <see cref="RestSink"/>
/// stands in for Discord's REST API and reports each edit here. Either side may be seen first; what matters is that
/// every deferral is delivered exactly once, and that nothing else reaches the REST API.
/// </summary>
internal sealed class DeferredReplies
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<MessagePayload>> deliveries = new(StringComparer.Ordinal);
    private readonly Lock sync = new();
    private readonly Dictionary<string, bool> expected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> delivered = new(StringComparer.Ordinal);
    private readonly List<string> strays = [];
    private int followUps;
    private int picturesSkipped;

    /// <summary>A deferral seen in a reply; <paramref name="withFile"/> when its message must carry a file.</summary>
    public void Expect(string token, bool withFile)
    {
        lock (sync)
        {
            expected[token] = withFile;
        }
    }

    /// <summary>An edit of @original arrived for <paramref name="token"/>; <paramref name="withFile"/> when it was multipart with a file.</summary>
    public void Delivered(string token, MessagePayload message, bool withFile)
    {
        lock (sync)
        {
            delivered[token] = delivered.GetValueOrDefault(token) + 1;
            if (!withFile && expected.GetValueOrDefault(token))
            {
                // A picture the bot's drawing queue had no room for: the text is the reply, and it says so.
                if (SaysPictureSkipped(message))
                {
                    picturesSkipped++;
                }
                else
                {
                    strays.Add($"the edit for {token} carried no file and did not say why");
                }
            }
        }

        Delivery(token).TrySetResult(message);
    }

    /// <summary>A follow-up message (the bot asks to press again); reported, and not a failure of delivery.</summary>
    public void FollowedUp(string token)
    {
        lock (sync)
        {
            followUps++;
        }
    }

    /// <summary>A REST call the measured flows should never make.</summary>
    public void Stray(string what)
    {
        lock (sync)
        {
            strays.Add(what);
        }
    }

    /// <summary>The message delivered for <paramref name="token"/>, or null when none came within <paramref name="patience"/>.</summary>
    public async Task<MessagePayload?> DeliveryAsync(string token, TimeSpan patience, TimeProvider time)
    {
        try
        {
            return await Delivery(token).Task.WaitAsync(patience, time);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public int Pending
    {
        get
        {
            lock (sync)
            {
                return expected.Keys.Count(t => !delivered.ContainsKey(t));
            }
        }
    }

    /// <summary>Waits (polling on <paramref name="time"/>) until every deferral is delivered or <paramref name="patience"/> runs out.</summary>
    public async Task WaitForDeliveriesAsync(TimeSpan patience, TimeProvider time)
    {
        var started = time.GetTimestamp();
        while (Pending > 0 && time.GetElapsedTime(started) < patience)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }
    }

    /// <summary>The verdict: every deferral delivered once (with its file where it has one), nothing else called.</summary>
    public CheckResult Check()
    {
        lock (sync)
        {
            var missing = expected.Keys.Count(t => !delivered.ContainsKey(t));
            var twice = delivered.Count(p => p.Value > 1);
            var unasked = delivered.Keys.Count(t => !expected.ContainsKey(t));
            var lines = new List<string>
            {
                $"deferred replies {expected.Count} ({expected.Values.Count(f => f)} with a picture, {picturesSkipped} of them delivered as text saying the picture was skipped), delivered {expected.Count - missing}, missing {missing}, delivered twice {twice}, unasked {unasked}, follow-ups {followUps}, other REST calls {strays.Count}",
            };
            lines.AddRange(strays.Take(5));
            return new CheckResult(missing == 0 && twice == 0 && unasked == 0 && strays.Count == 0, lines);
        }
    }

    /// <summary>Pictures the bot skipped (its drawing queue was full): counted, reported, and not a failure.</summary>
    public int PicturesSkipped
    {
        get
        {
            lock (sync)
            {
                return picturesSkipped;
            }
        }
    }

    /// <summary>The /stats card says so in its embed's footer; the podium's picture-only edit in the message content.</summary>
    private static bool SaysPictureSkipped(MessagePayload message) =>
        message.Content?.Contains(QuizBot.Views.PictureAttachment.SkippedNote, StringComparison.Ordinal) == true
        || (message.Embeds is { Count: > 0 } embeds && embeds[0].Footer?.Text.Contains(QuizBot.Views.PictureAttachment.SkippedNote, StringComparison.Ordinal) == true);

    private TaskCompletionSource<MessagePayload> Delivery(string token) =>
        deliveries.GetOrAdd(token, _ => new TaskCompletionSource<MessagePayload>(TaskCreationOptions.RunContinuationsAsynchronously));
}

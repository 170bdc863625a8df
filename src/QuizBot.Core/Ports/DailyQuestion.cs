namespace QuizBot.Core.Ports;

/// <summary>
/// One scope's question of the day for one UTC date: which question was picked and where it went.
/// A row exists from the moment the poster claims the day, so a day is attempted once even across restarts.
/// <see cref="MessageId"/> is set once Discord accepted the post; <see cref="Failure"/> says why it was not posted.
/// </summary>
public sealed record DailyQuestion(
    string Scope,
    DateOnly Date,
    string DeckId,
    string QuestionId,
    string ChannelId,
    DateTimeOffset ClaimedAt,
    string? MessageId = null,
    string? Failure = null)
{
    public bool IsPosted => MessageId is not null;
}

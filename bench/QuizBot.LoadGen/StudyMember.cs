using System.Globalization;
using QuizBot.Discord.Models;

namespace QuizBot.LoadGen;

/// <summary>
/// One member studying flashcards: `/study`, "Show answer", a rating, and so on until the day's cards run out; then
/// the member comes back as a new player (a fresh user id), so the load keeps its shape. Counts the ratings the bot
/// accepted per user id, which the stored-answer check compares with the review log.
/// </summary>
internal sealed class StudyMember(ulong guildId, ulong firstUserId, Random random) : IVirtualMember
{
    /// <summary>User ids of later generations step by this much, far past any other member's id.</summary>
    public const ulong GenerationStride = 1_000_000;

    private readonly Dictionary<string, int> ratings = new(StringComparer.Ordinal);
    private DiscordMember member = Generation(guildId, firstUserId, 0);
    private int generation;
    private Step next = Step.Start;
    private Reply screen = new();
    private long? intendedAt;

    private enum Step
    {
        Start,
        ShowAnswer,
        Rate,
    }

    /// <summary>Ratings the bot accepted, by user id (each generation of this member is its own player).</summary>
    public IReadOnlyDictionary<string, int> AcceptedRatings => ratings;

    public async Task StepAsync(InteractionSender sender, long? intendedAt = null)
    {
        this.intendedAt = intendedAt;
        next = next switch
        {
            Step.Start => Show(await Send(sender, member.Command("study"), InteractionKind.Command, Expected.CardFront), Step.ShowAnswer),
            Step.ShowAnswer => Show(await Send(sender, member.Click(screen.Button(QuizBot.Views.StudyView.ShowAnswerLabel)!.CustomId!), InteractionKind.Button, Expected.CardBack), Step.Rate),
            _ => await RateAsync(sender),
        };
    }

    private async Task<Step> RateAsync(InteractionSender sender)
    {
        var choices = screen.RatingButtons();
        var pick = choices[random.Next(choices.Count)];
        var after = await Send(sender, member.Click(pick.CustomId!), InteractionKind.Button, Expected.AfterRating);
        if (after is not null)
        {
            ratings[member.UserId] = ratings.GetValueOrDefault(member.UserId) + 1;
        }

        return Show(after, Step.ShowAnswer);
    }

    // A card front leads to "Show answer"; the end of study (or an error) to a new start, as a new player after the end.
    private Step Show(Reply? reply, Step then)
    {
        if (reply is null)
        {
            return Step.Start;
        }

        if (reply.IsStudyDone())
        {
            generation++;
            member = Generation(guildId, firstUserId, generation);
            return Step.Start;
        }

        screen = reply;
        return then;
    }

    private Task<Reply?> Send(InteractionSender sender, Interaction interaction, InteractionKind kind, Expected expected) =>
        sender.SendAsync(interaction, kind, expected, intendedAt);

    private static DiscordMember Generation(ulong guildId, ulong firstUserId, int generation)
    {
        var userId = firstUserId + ((ulong)generation * GenerationStride);
        return new DiscordMember(guildId, userId, "Student" + userId.ToString(CultureInfo.InvariantCulture)[^4..]);
    }
}

using System.Globalization;
using QuizBot.Core.Catalog;
using QuizBot.Core.Quiz;
using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>The answers to <c>/quiz</c> and <c>/review</c> other than a first question: an open quiz to resume or abandon, or why none started.</summary>
public static class QuizStartView
{
    public const string ResumeLabel = "Resume ▶";
    public const string AbandonLabel = "Abandon ✖";

    /// <summary>The member already has a quiz open in this server: one at a time, so resume it or abandon it.</summary>
    public static MessagePayload Open(QuizSession open, PresentedQuestion current, string deckTitle)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(current);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"You already have a quiz open — {QuizQuestionView.Title(deckTitle, open)}, question {current.Index + 1}/{current.Total}. Resume it, or abandon it to start another (the questions left count as wrong).");
        return new MessagePayload
        {
            Content = TextFit.Truncate(text, MessagePayload.MaxContentLength),
            Components =
            [
                ActionRow.Of(
                    Button.Primary(QuizIds.Of(open.Id, QuizIds.Resume, current.Index).ToString(), ResumeLabel),
                    Button.Danger(QuizIds.Of(open.Id, QuizIds.Abandon, current.Index).ToString(), AbandonLabel)),
            ],
            AllowedMentions = AllowedMentions.None,
        };
    }

    public static string Rejected(QuizStartError reason) => reason switch
    {
        QuizStartError.InvalidLength => $"A quiz has {QuizEngine.MinLength} to {QuizEngine.MaxLength} questions.",
        QuizStartError.NothingToReview => "Nothing to review: you have not missed any question lately.",
        QuizStartError.AllHeldBackToday => "You've seen the answers to every question on that topic today (skipped questions wait until tomorrow). Try another topic.",
        _ => "This deck has no questions on that topic.",
    };

    /// <summary>An unknown topic: what was typed (cut short and escaped), the nearest topics, then the list.</summary>
    public static string UnknownTopic(TopicChoice.Unknown unknown)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        var given = TextFit.EscapeMarkdown(TextFit.Truncate(unknown.Given, 60));
        var text = $"There is no topic \"{given}\".";
        if (unknown.Suggestions.Count > 0)
        {
            text += $" Did you mean {string.Join(" or ", unknown.Suggestions.Select(s => $"**{s}**"))}?";
        }

        text += $" Topics: {string.Join(", ", unknown.Known)}.";
        return TextFit.Truncate(text, MessagePayload.MaxContentLength);
    }

    /// <summary>The end of an abandoned (or already finished) quiz, edited into the message that offered it.</summary>
    public static MessagePayload Ended(QuizSummary summary, int? rank) =>
        new() { Content = "", Embeds = [QuizRevealView.SummaryEmbed(summary, rank)], Components = [] };
}

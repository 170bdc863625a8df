using QuizBot.Discord.Models;

namespace QuizBot.Views;

/// <summary>/help: what each command does.</summary>
public static class HelpView
{
    public static MessagePayload Render(string deckTitle)
    {
        ArgumentNullException.ThrowIfNull(deckTitle);
        var embed = new Embed
        {
            Title = "❓ How to use QuizBot",
            Description = TextFit.Truncate(
                $"QuizBot teaches **{deckTitle}** from one well-sourced article. Every answer it reveals cites the article's own footnote.",
                Embed.MaxDescriptionLength),
            Color = Colors.Question,
            Fields =
            [
                EmbedField.Of("/quiz [topic] [length]", "A personal quiz (only you see it): buttons for choices, “Type answer” for typed ones, Skip and 🚩 Report. 1–25 questions, default 10."),
                EmbedField.Of("/trivia start [topic] [questions] [seconds]", "A live game in this channel: everyone answers with buttons before the timer runs out; faster right answers score more. /trivia stop ends it (its starter or Manage Server)."),
                EmbedField.Of("/review", "A quiz of the questions you last got wrong."),
                EmbedField.Of("/study [topic]", "Flashcards with spaced repetition: read the front, show the answer, then rate Again / Hard / Good / Easy."),
                EmbedField.Of("/leaderboard [period] [by]", "This server's top 10 for the week, the month or all time, by points or accuracy."),
                EmbedField.Of("/stats [user]", "Points, rank, accuracy, streaks, accuracy per topic, cards learned and due."),
                EmbedField.Of("/sources", "The article's footnotes, numbered as in the article, with links."),
                EmbedField.Of("/fact [topic]", "One fact with its source."),
                EmbedField.Of("/quizadmin", "For moderators (Manage Server): reported questions, a daily question channel, a new leaderboard season, settings."),
            ],
        };
        return new MessagePayload { Embeds = [embed] };
    }
}

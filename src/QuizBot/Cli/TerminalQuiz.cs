using System.CommandLine;
using QuizBot.Core.Decks;
using QuizBot.Core.Quiz;
using QuizBot.Hosting;
using QuizBot.Terminal;
using Spectre.Console;

namespace QuizBot.Cli;

/// <summary>
/// What `play` and `review` share: resolve the local setup, check the topic, offer to continue an unfinished quiz
/// (or start the one asked for), and play it.
/// </summary>
internal static class TerminalQuiz
{
    /// <param name="start">Starts the quiz; its bool says whether to continue the unfinished one.</param>
    public static async Task<int> RunAsync(
        ParseResult parse,
        LocalPlayOptions local,
        Func<TerminalIo>? io,
        bool resume,
        string? topic,
        Func<QuizService, LocalPlaySetup, bool, CancellationToken, Task<QuizStartOutcome>> start,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(start);
        using var setup = local.Resolve(parse, parse.InvocationConfiguration.Error);
        if (setup is null)
        {
            return ExitCodes.Usage;
        }

        var terminal = (io ?? TerminalIo.System)();
        if (UnknownTopic(setup.Deck, topic) is { } problem)
        {
            terminal.Console.WriteLine(problem);
            return ExitCodes.Usage;
        }

        var quizzes = new QuizService(setup.Store.Quizzes, Core.Catalog.DeckCatalog.Of(setup.Deck), terminal.Clock, terminal.Random);

        // One quiz is open per member and server: offer to continue it, or close it before a new one starts.
        var unfinished = await setup.Store.Quizzes.GetOpenQuizAsync(setup.Player, cancellationToken);
        if (unfinished is { IsFinished: false })
        {
            if (!resume)
            {
                try
                {
                    resume = OfferToContinue(terminal, unfinished);
                }
                catch (OperationCanceledException)
                {
                    return ExitCodes.Interrupted;
                }

                if (!resume)
                {
                    await quizzes.AbandonAsync(unfinished.Id, setup.Player, cancellationToken);
                }
            }
        }
        else if (resume)
        {
            terminal.Console.WriteLine("There is no unfinished quiz to continue; starting a new one.");
            resume = false;
        }

        var started = await start(quizzes, setup, resume, cancellationToken);
        return await new QuizTerminal(terminal, quizzes, setup.Store.Stats, setup.Player).RunAsync(started, cancellationToken);
    }

    /// <summary>"Continue your unfinished quiz (question 2/3)? [Y/n]": Enter or y continues; n starts the new one.</summary>
    private static bool OfferToContinue(TerminalIo terminal, QuizSession unfinished)
    {
        var what = unfinished.Mode == QuizMode.Review ? "review" : "quiz";
        var topic = unfinished.Topic is null ? string.Empty : $" on {unfinished.Topic}";
        while (true)
        {
            terminal.Console.Write($"You have an unfinished {what}{topic} (question {unfinished.Position + 1}/{unfinished.QuestionIds.Count}). Continue it? [Y/n] ");
            var answer = terminal.Input.ReadLine()?.Trim().ToLowerInvariant();
            switch (answer)
            {
                case null or "" or "y" or "yes":
                    return true;
                case "n" or "no":
                    terminal.Console.WriteLine($"Starting a new {what}; the unfinished one is closed, its unanswered questions counted as wrong.");
                    return false;
                default:
                    terminal.Console.WriteLine("Type y to continue it or n to start a new one.");
                    break;
            }
        }
    }

    /// <summary>Null when the deck has <paramref name="topic"/> (or none was asked for); else the line naming the nearest topics.</summary>
    public static string? UnknownTopic(Deck deck, string? topic)
    {
        ArgumentNullException.ThrowIfNull(deck);
        if (string.IsNullOrWhiteSpace(topic) || deck.Topics.Contains(topic.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var hint = Suggestions.DidYouMean(topic, deck.Topics);
        return $"There is no topic \"{topic.Trim()}\"{(hint.Length == 0 ? "." : hint)} Topics: {string.Join(", ", deck.Topics)}.";
    }
}

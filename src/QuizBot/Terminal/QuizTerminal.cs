using System.Globalization;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>
/// A quiz in the terminal, on the same engine and database as the bot: numbered choices, typed answers,
/// "s" to skip, "q" to stop (the quiz stays open for `--resume`). Every reveal prints the citation.
/// </summary>
internal sealed class QuizTerminal(TerminalIo io, QuizService quizzes, IPlayerStatsQuery stats, PlayerKey player)
{
    private readonly IAnsiConsole console = io.Console;

    public async Task<int> RunAsync(QuizStartOutcome start, CancellationToken cancellationToken)
    {
        switch (start)
        {
            case QuizStartOutcome.AlreadyOpen open:
                console.WriteLine($"You have an unfinished quiz (question {open.Current.Index + 1}/{open.Current.Total}): continue it with --resume.");
                return 2;
            case QuizStartOutcome.UnknownTopic unknown:
                console.WriteLine($"There is no topic \"{unknown.Topic.Given}\". Topics: {string.Join(", ", unknown.Topic.Known)}.");
                return 2;
            case QuizStartOutcome.Rejected rejected:
                console.WriteLine(rejected.Reason switch
                {
                    QuizStartError.NothingToReview => "Nothing to review: you have not missed any question lately.",
                    QuizStartError.InvalidLength => $"A quiz has {QuizEngine.MinLength} to {QuizEngine.MaxLength} questions.",
                    QuizStartError.AllHeldBackToday => "You saw the answers to every question on that topic today; try again tomorrow.",
                    _ => "This deck has no questions on that topic.",
                });
                return rejected.Reason == QuizStartError.NothingToReview ? 0 : 2;
        }

        var started = (QuizStartOutcome.Started)start;
        var (session, deck) = (started.Session, started.Deck);
        console.MarkupLine(started.Resumed
            ? $"[bold]Continuing your quiz[/] on {Markup.Escape(deck.Title)}"
            : $"[bold]{(session.Mode == QuizMode.Review ? "Review" : "Quiz")}[/] on {Markup.Escape(deck.Title)}{(session.Topic is null ? string.Empty : $" — topic {Markup.Escape(session.Topic)}")}");

        PresentedQuestion? current = started.Current;
        while (current is not null)
        {
            Show(current);
            var answer = ReadAnswer(current);
            if (answer is null)
            {
                console.WriteLine("Stopped. Continue later with --resume.");
                return 0;
            }

            var result = answer.Skip
                ? await quizzes.SkipAsync(session.Id, player, current.Index, cancellationToken)
                : await quizzes.AnswerAsync(session.Id, player, player.UserId, current.Index, answer.Answer!, cancellationToken);

            switch (result)
            {
                case QuizStepOutcome.Invalid:
                    console.WriteLine(current.IsTyped ? "Type an answer." : $"Choose 1-{current.Choices.Count}.");
                    continue;
                case QuizStepOutcome.Revealed revealed:
                    ShowReveal(revealed.Reveal);
                    if (revealed.Progress is QuizProgress.Finished finished)
                    {
                        await ShowSummaryAsync(finished.Summary, cancellationToken);
                        return 0;
                    }

                    current = ((QuizProgress.Continues)revealed.Progress).Next;
                    break;
                default:
                    console.WriteLine("This quiz has ended.");
                    return 0;
            }
        }

        return 0;
    }

    private void Show(PresentedQuestion question)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]{question.Progress}[/]");
        console.WriteLine(question.Question.Prompt);
        for (var i = 0; i < question.Choices.Count; i++)
        {
            console.WriteLine($"  {i + 1}. {question.Choices[i]}");
        }
    }

    private ChosenAnswer? ReadAnswer(PresentedQuestion question)
    {
        while (true)
        {
            console.Write(question.IsTyped ? "Your answer (s to skip, q to quit): " : $"Choose 1-{question.Choices.Count} (s to skip, q to quit): ");
            var line = io.Input.ReadLine();
            if (line is null)
            {
                return null;
            }

            var text = line.Trim();
            switch (text.ToLowerInvariant())
            {
                case "q":
                    return null;
                case "s":
                    return new ChosenAnswer(true, null);
            }

            if (question.IsTyped)
            {
                if (text.Length > 0)
                {
                    return new ChosenAnswer(false, PlayerAnswer.Typed(text));
                }
            }
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= question.Choices.Count)
            {
                return new ChosenAnswer(false, PlayerAnswer.Choice(number - 1));
            }

            console.WriteLine(question.IsTyped ? "Type an answer, s to skip or q to quit." : $"Type a number from 1 to {question.Choices.Count}, s to skip or q to quit.");
        }
    }

    private void ShowReveal(AnswerReveal reveal)
    {
        if (reveal.Skipped)
        {
            console.WriteLine($"Skipped. The answer: {reveal.Verdict.CanonicalAnswer}");
        }
        else if (reveal.IsCorrect)
        {
            console.WriteLine($"✅ Right! +{reveal.PointsAwarded} points{(reveal.Streak > 1 ? $" (streak {reveal.Streak})" : string.Empty)}. The answer: {reveal.Verdict.CanonicalAnswer}");
        }
        else
        {
            console.WriteLine($"❌ Not quite. The answer: {reveal.Verdict.CanonicalAnswer}");
        }

        console.WriteLine(reveal.Question.Explanation);
        RevealWriter.WriteCitations(console, reveal.Citations);
    }

    private async Task ShowSummaryAsync(QuizSummary summary, CancellationToken cancellationToken)
    {
        var rank = (await stats.GetStatsAsync(player, io.Clock.GetUtcNow(), cancellationToken)).Rank;
        console.WriteLine();
        console.MarkupLine("[bold]Quiz over[/]");
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Score {summary.Score} · accuracy {Math.Round(summary.Accuracy * 100)}% · {summary.Points} points · best streak {summary.BestStreak}{(rank is { } r ? $" · rank #{r}" : string.Empty)}"));
    }

    private sealed record ChosenAnswer(bool Skip, PlayerAnswer? Answer);
}

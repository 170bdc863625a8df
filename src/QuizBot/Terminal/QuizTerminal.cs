using System.Globalization;
using QuizBot.Cli;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;
using QuizBot.Core.Players;
using QuizBot.Core.Ports;
using QuizBot.Core.Quiz;
using QuizBot.Hosting;
using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>
/// A quiz in the terminal, on the same engine and database as the bot: numbered choices (true/false also as
/// t, f, yes, no), typed answers, "s" to skip, "q" or Ctrl+C to stop (every answer is saved as it is given, and
/// the next run offers to continue). Every reveal prints the citation.
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
                return ExitCodes.Usage;
            case QuizStartOutcome.UnknownTopic unknown:
                console.WriteLine($"There is no topic \"{unknown.Topic.Given}\". Topics: {string.Join(", ", unknown.Topic.Known)}.");
                return ExitCodes.Usage;
            case QuizStartOutcome.Rejected rejected:
                console.WriteLine(rejected.Reason switch
                {
                    QuizStartError.NothingToReview => "Nothing to review: you have not missed any question lately.",
                    QuizStartError.InvalidLength => $"A quiz has {QuizEngine.MinLength} to {QuizEngine.MaxLength} questions.",
                    QuizStartError.AllHeldBackToday => "You saw the answers to every question on that topic today; try again tomorrow.",
                    _ => "This deck has no questions on that topic.",
                });
                return rejected.Reason == QuizStartError.NothingToReview ? ExitCodes.Ok : ExitCodes.Usage;
        }

        var started = (QuizStartOutcome.Started)start;
        var (session, deck) = (started.Session, started.Deck);
        var kind = session.Mode == QuizMode.Review ? "review" : "quiz";
        console.MarkupLine(started.Resumed
            ? $"[bold]Continuing your {kind}[/] on {Markup.Escape(deck.Title)} at question {session.Position + 1}/{session.QuestionIds.Count}"
            : $"[bold]{(session.Mode == QuizMode.Review ? "Review" : "Quiz")}[/] on {Markup.Escape(deck.Title)}{(session.Topic is null ? string.Empty : $" — topic {Markup.Escape(session.Topic)}")}");

        PresentedQuestion? current = started.Current;
        while (current is not null)
        {
            Show(current);
            ChosenAnswer? answer;
            try
            {
                answer = ReadAnswer(current);
            }
            catch (OperationCanceledException)
            {
                console.WriteLine();
                console.WriteLine($"Stopped with Ctrl+C at question {current.Index + 1}/{current.Total}. {HowToContinue(session.Mode)}");
                return ExitCodes.Interrupted;
            }

            if (answer is null)
            {
                console.WriteLine($"Stopped at question {current.Index + 1}/{current.Total}. {HowToContinue(session.Mode)}");
                return ExitCodes.Ok;
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
                    ShowReveal(revealed.Reveal, answer.Answer?.Text);
                    if (revealed.Progress is QuizProgress.Finished finished)
                    {
                        await ShowSummaryAsync(finished.Summary, cancellationToken);
                        return ExitCodes.Ok;
                    }

                    current = ((QuizProgress.Continues)revealed.Progress).Next;
                    break;
                default:
                    console.WriteLine("This quiz has ended.");
                    return ExitCodes.Ok;
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Answers so far are stored as they are given; the next run of the same verb offers to continue.</summary>
    public static string HowToContinue(QuizMode mode) =>
        $"Your answers so far are saved: run `{CommandName.Current} {(mode == QuizMode.Review ? "review" : "play")}` to continue.";

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
        var trueFalse = question.Question.Kind == QuestionKind.TrueFalse;
        while (true)
        {
            console.Write(question.IsTyped
                ? "Your answer (s to skip, q to quit): "
                : trueFalse
                    ? $"Choose 1-{question.Choices.Count}, t or f (s to skip, q to quit): "
                    : $"Choose 1-{question.Choices.Count} (s to skip, q to quit): ");
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
            else if (trueFalse && TrueFalseChoice(question, text) is { } index)
            {
                return new ChosenAnswer(false, PlayerAnswer.Choice(index));
            }

            console.WriteLine(question.IsTyped
                ? "Type an answer, s to skip or q to quit."
                : trueFalse
                    ? $"Type a number from 1 to {question.Choices.Count}, or t or f (true, false, yes, no), s to skip or q to quit."
                    : $"Type a number from 1 to {question.Choices.Count}, s to skip or q to quit.");
        }
    }

    /// <summary>The presented position of True or False for t, true, y, yes / f, false, n, no.</summary>
    internal static int? TrueFalseChoice(PresentedQuestion question, string text)
    {
        bool? value = text.ToLowerInvariant() switch
        {
            "t" or "true" or "y" or "yes" => true,
            "f" or "false" or "n" or "no" => false,
            _ => null,
        };
        if (value is not { } truth)
        {
            return null;
        }

        var label = truth ? "True" : "False";
        var index = question.Choices.ToList().FindIndex(c => string.Equals(c, label, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : null;
    }

    private void ShowReveal(AnswerReveal reveal, string? typed)
    {
        var answer = Markup.Escape(reveal.Verdict.CanonicalAnswer);
        if (reveal.Skipped)
        {
            console.MarkupLine($"[yellow]Skipped.[/] The answer: {answer}");
        }
        else if (reveal.RevealedBySkipToday)
        {
            console.MarkupLine($"{(reveal.IsCorrect ? "[green]✅ Right[/]" : "[red]❌ Not quite[/]")}, but no points: a skip showed you this answer earlier today, so it counts as a skip. The answer: {answer}");
        }
        else if (reveal.IsCorrect)
        {
            // Say when a typo was forgiven, so the player learns the spelling.
            var wrote = reveal.Verdict.Match == AnswerMatch.Typo && typed is not null ? $" (you wrote '{Markup.Escape(typed)}')" : string.Empty;
            var streak = reveal.Streak > 1 ? $" (streak {reveal.Streak})" : string.Empty;
            console.MarkupLine($"[green]✅ Right{(wrote.Length > 0 ? wrote : "!")}[/] +{reveal.PointsAwarded} points{streak}. The answer: {answer}");
        }
        else
        {
            console.MarkupLine($"[red]❌ Not quite.[/] The answer: {answer}");
        }

        console.WriteLine(reveal.Question.Explanation);
        RevealWriter.WriteCitations(console, reveal.Citations, io.WrapWidth);
    }

    private async Task ShowSummaryAsync(QuizSummary summary, CancellationToken cancellationToken)
    {
        var rank = (await stats.GetStatsAsync(player, io.Clock.GetUtcNow(), cancellationToken)).Rank;
        console.WriteLine();
        console.MarkupLine("[bold]Quiz over[/]");
        console.WriteLine(SummaryLine(summary, rank));
    }

    /// <summary>Accuracy is right answers out of questions answered; a skip counts in the score's total only. The line says so.</summary>
    internal static string SummaryLine(QuizSummary summary, int? rank)
    {
        var skipped = summary.Skipped > 0 ? $", {summary.Skipped} skipped" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Score {summary.Score} · accuracy {Math.Round(summary.Accuracy * 100)}% ({summary.Correct} right of {summary.Answered} answered{skipped}) · {summary.Points} points · best streak {summary.BestStreak}{(rank is { } r ? $" · rank #{r}" : string.Empty)}");
    }

    private sealed record ChosenAnswer(bool Skip, PlayerAnswer? Answer);
}

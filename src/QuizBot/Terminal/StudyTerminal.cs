using QuizBot.Cli;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Study;
using QuizBot.Hosting;
using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>
/// Flashcards in the terminal: the front, Enter to show the back and its citation, then a rating 1-4 with the
/// interval each would give. Stops when nothing is due (saying when the next card is), or on "q" or Ctrl+C
/// (saying where it stopped and what is due next; every rating is saved as it is given).
/// </summary>
internal sealed class StudyTerminal(TerminalIo io, StudyService study, PlayerKey player)
{
    private readonly IAnsiConsole console = io.Console;

    public async Task<int> RunAsync(string? topic, CancellationToken cancellationToken)
    {
        var next = await study.NextAsync(player, topic, cancellationToken);
        var studied = 0;
        while (true)
        {
            switch (next)
            {
                case StudyScreen.UnknownTopic unknown:
                    console.WriteLine($"There is no topic \"{unknown.Topic.Given}\". Topics: {string.Join(", ", unknown.Topic.Known)}.");
                    return ExitCodes.Usage;
                case StudyScreen.Done done:
                    console.WriteLine();
                    console.WriteLine($"Due {done.Counts.DueNow} · new {done.Counts.NewAvailableToday} · done today {done.Counts.DoneToday}");
                    console.WriteLine(done.NextDueAt is { } at
                        ? $"Nothing to study right now. The next card is due at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC."
                        : "Nothing to study: this deck has no cards on that topic.");
                    return ExitCodes.Ok;
            }

            var (card, counts) = next is StudyScreen.Card shownCard ? (shownCard.Current, shownCard.Counts) : throw new InvalidOperationException("Unknown study screen.");
            console.WriteLine();
            console.WriteLine($"Due {counts.DueNow} · new {counts.NewAvailableToday} · done today {counts.DoneToday}");
            try
            {
                console.MarkupLine(card.IsNew ? "[bold]New card[/]" : "[bold]Review[/]");
                console.WriteLine(card.Fact.Card.Front);
                console.Write("Press Enter to show the answer (q to quit): ");
                if (io.Input.ReadLine() is not { } shown || shown.Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
                {
                    Stopped(card, counts, studied, interrupted: false);
                    return ExitCodes.Ok;
                }

                console.WriteLine(card.Fact.Card.Back);
                RevealWriter.WriteCitations(console, card.Citations, io.WrapWidth);
                console.WriteLine(string.Join("   ", card.Previews.Select(p => $"{(int)p.Rating} {p.Rating} ({p.Label})")));

                if (ReadRating() is not { } rating)
                {
                    Stopped(card, counts, studied, interrupted: false);
                    return ExitCodes.Ok;
                }

                if (await study.RateAsync(player, topic, card.CardId, card.ShownVersion, rating, cancellationToken) is not RateOutcome.Rated rated)
                {
                    console.WriteLine("That card was already rated.");
                    return ExitCodes.Ok;
                }

                studied++;
                console.WriteLine($"Next review of this card in {IntervalLabel.Format(rated.Interval)}.");
                next = rated.Next;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                console.WriteLine();
                Stopped(card, counts, studied, interrupted: true);
                return ExitCodes.Interrupted;
            }
        }
    }

    /// <summary>Where the session stopped and what comes next: the unrated card stays due, nothing is lost.</summary>
    private void Stopped(StudyCard at, StudyCounts counts, int studied, bool interrupted)
    {
        var front = at.Fact.Card.Front;
        console.WriteLine($"Stopped{(interrupted ? " with Ctrl+C" : string.Empty)} after {studied} card{(studied == 1 ? string.Empty : "s")} this session ({counts.DoneToday} today), at \"{front}\", which stays due.");
        console.WriteLine($"Next card: due now ({counts.DueNow} due, {counts.NewAvailableToday} new left today). Run `{CommandName.Current} study` to go on.");
    }

    private Rating? ReadRating()
    {
        while (true)
        {
            console.Write("Rate 1-4 (again, hard, good, easy; q to quit): ");
            var line = io.Input.ReadLine();
            if (line is null)
            {
                return null;
            }

            switch (line.Trim().ToLowerInvariant())
            {
                case "q":
                    return null;
                case "1" or "again":
                    return Rating.Again;
                case "2" or "hard":
                    return Rating.Hard;
                case "3" or "good":
                    return Rating.Good;
                case "4" or "easy":
                    return Rating.Easy;
                default:
                    console.WriteLine("Type 1, 2, 3 or 4 (or again, hard, good, easy).");
                    break;
            }
        }
    }
}

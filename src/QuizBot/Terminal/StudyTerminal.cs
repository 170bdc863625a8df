using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Core.Study;
using Spectre.Console;

namespace QuizBot.Terminal;

/// <summary>
/// Flashcards in the terminal: the front, Enter to show the back and its citation, then a rating 1-4 with the
/// interval each would give. Stops when nothing is due (saying when the next card is) or on "q".
/// </summary>
internal sealed class StudyTerminal(TerminalIo io, StudyService study, PlayerKey player)
{
    private readonly IAnsiConsole console = io.Console;

    public async Task<int> RunAsync(string? topic, CancellationToken cancellationToken)
    {
        var next = await study.NextAsync(player, topic, cancellationToken);
        while (true)
        {
            switch (next)
            {
                case StudyScreen.UnknownTopic unknown:
                    console.WriteLine($"There is no topic \"{unknown.Topic.Given}\". Topics: {string.Join(", ", unknown.Topic.Known)}.");
                    return 2;
                case StudyScreen.Done done:
                    console.WriteLine();
                    console.WriteLine($"Due {done.Counts.DueNow} · new {done.Counts.NewAvailableToday} · done today {done.Counts.DoneToday}");
                    console.WriteLine(done.NextDueAt is { } at
                        ? $"Nothing to study right now. The next card is due at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC."
                        : "Nothing to study: this deck has no cards on that topic.");
                    return 0;
            }

            var (card, counts) = next is StudyScreen.Card shownCard ? (shownCard.Current, shownCard.Counts) : throw new InvalidOperationException("Unknown study screen.");
            console.WriteLine();
            console.WriteLine($"Due {counts.DueNow} · new {counts.NewAvailableToday} · done today {counts.DoneToday}");
            console.MarkupLine(card.IsNew ? "[bold]New card[/]" : "[bold]Review[/]");
            console.WriteLine(card.Fact.Card.Front);
            console.Write("Press Enter to show the answer (q to quit): ");
            if (io.Input.ReadLine() is not { } shown || shown.Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }

            console.WriteLine(card.Fact.Card.Back);
            RevealWriter.WriteCitations(console, card.Citations);
            console.WriteLine(string.Join("   ", card.Previews.Select(p => $"{(int)p.Rating} {p.Rating} ({p.Label})")));

            if (ReadRating() is not { } rating)
            {
                return 0;
            }

            if (await study.RateAsync(player, topic, card.CardId, card.ShownVersion, rating, cancellationToken) is not RateOutcome.Rated rated)
            {
                console.WriteLine("That card was already rated.");
                return 0;
            }

            console.WriteLine($"Next review of this card in {IntervalLabel.Format(rated.Interval)}.");
            next = rated.Next;
        }
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

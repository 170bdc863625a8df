using System.Globalization;
using QuizBot.Core.Decks;
using QuizBot.Core.Judging;

namespace QuizBot.Core.Trivia;

/// <summary>
/// Reads a stored game against its deck: a round's question as shown, its reveal with who got it right, and the
/// standings with answer streaks. Everything comes from the stored rows, so any instance, before or after a
/// restart, shows the same thing.
/// </summary>
public sealed class TriviaScoreboard
{
    private readonly Deck deck;
    private readonly CitationFormatter citations;
    private readonly Dictionary<string, (Question Question, Fact Fact)> questions;

    public TriviaScoreboard(Deck deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        this.deck = deck;
        citations = new CitationFormatter(deck);
        questions = deck.Facts
            .SelectMany(f => f.Questions.Select(q => (Question: q, Fact: f)))
            .DistinctBy(p => p.Question.Id)
            .ToDictionary(p => p.Question.Id, StringComparer.Ordinal);
    }

    public string DeckId => deck.Id;

    public string DeckTitle => deck.Title;

    /// <summary>Whether every question of the game is still in the deck (a deck edited mid-game may have lost one).</summary>
    public bool Knows(TriviaRoundRecord round) => questions.ContainsKey(round.QuestionId);

    public static string Letter(int index) => ((char)('A' + index)).ToString(CultureInfo.InvariantCulture);

    /// <summary>How a choice is named briefly: its letter for multiple choice, "True" or "False" for true/false.</summary>
    public static string ChoiceLabel(TriviaQuestion question, int position)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Question.Kind == QuestionKind.TrueFalse ? question.Choices[position] : Letter(position);
    }

    public TriviaQuestion Question(TriviaRoundRecord round, int total)
    {
        ArgumentNullException.ThrowIfNull(round);
        var (question, fact) = questions[round.QuestionId];
        var choices = question.Kind == QuestionKind.TrueFalse
            ? (IReadOnlyList<string>)["True", "False"]
            : round.ChoiceOrder.Select(i => question.Choices[i]).ToList();
        return new TriviaQuestion(round.Index, total, question, fact, choices, round.ChoiceOrder, round.Deadline ?? default);
    }

    /// <summary>Whether <paramref name="choice"/> (a presented position) is right; null when there is no such choice.</summary>
    public static bool? Judge(TriviaQuestion question, int choice)
    {
        ArgumentNullException.ThrowIfNull(question);
        var verdict = AnswerJudge.JudgeChoice(question.Question, question.ChoiceOrder, choice);
        return verdict.Match == AnswerMatch.InvalidChoice ? null : verdict.IsCorrect;
    }

    /// <summary>The reveal of a closed round: the right answer, citations, and who got it right (most points, then fastest, first).</summary>
    public TriviaReveal Reveal(TriviaGameState state, int roundIndex)
    {
        ArgumentNullException.ThrowIfNull(state);
        var round = state.Rounds[roundIndex];
        var question = Question(round, state.Rounds.Count);
        var opened = round.OpenedAt ?? state.Game.StartedAt;
        var streaks = Streaks(state, roundIndex);
        var presses = state.PressesIn(roundIndex).ToList();
        var hits = presses
            .Where(p => p.Correct)
            .Select(p => new TriviaHit(p.DisplayName, p.Points, p.PressedAt - opened, streaks.GetValueOrDefault(p.Player.UserId)))
            .OrderByDescending(h => h.Points)
            .ThenBy(h => h.Elapsed)
            .ThenBy(h => h.DisplayName, StringComparer.Ordinal)
            .ToList();
        var right = RightPosition(question);
        var stopped = state.Game.EndReason == TriviaEndReason.Stopped && roundIndex == state.Game.CurrentRound;
        return new TriviaReveal(
            question,
            ChoiceLabel(question, right),
            question.Choices[right],
            citations.Cite(question.Fact),
            hits,
            presses.Count,
            IsLast: !state.Game.IsRunning && roundIndex == state.Game.CurrentRound,
            stopped);
    }

    /// <summary>Everyone who answered in a closed round, most points first; then more right answers; then name.</summary>
    public static TriviaResult Result(TriviaGameState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var closed = state.Rounds.Where(r => r.IsClosed).Select(r => r.Index).ToHashSet();
        var lastClosed = closed.Count == 0 ? -1 : closed.Max();
        var streaks = Streaks(state, lastClosed);
        var best = BestStreaks(state, lastClosed);
        var ordered = state.Presses
            .Where(p => closed.Contains(p.RoundIndex))
            .GroupBy(p => p.Player)
            .Select(g =>
            {
                var latest = g.MaxBy(p => p.RoundIndex)!;
                return new TriviaStanding(
                    0, g.Key, latest.DisplayName, g.Sum(p => p.Points), g.Count(p => p.Correct), g.Count(),
                    streaks.GetValueOrDefault(g.Key.UserId), best.GetValueOrDefault(g.Key.UserId));
            })
            .OrderByDescending(s => s.Points)
            .ThenByDescending(s => s.Correct)
            .ThenBy(s => s.DisplayName, StringComparer.Ordinal)
            .ThenBy(s => s.Player.UserId, StringComparer.Ordinal)
            .ToList();
        var standings = new List<TriviaStanding>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i - 1].Points == ordered[i].Points ? standings[i - 1].Rank : i + 1;
            standings.Add(ordered[i] with { Rank = rank });
        }

        var asked = state.Rounds.Count(r => r.Deadline is not null);
        return new TriviaResult(state.Game.Title, standings, asked, state.Game.EndReason ?? TriviaEndReason.Completed, state.Game.StoppedBy);
    }

    /// <summary>Each member's run of right answers up to and including round <paramref name="upTo"/>; a round without their right answer ends it.</summary>
    private static Dictionary<string, int> Streaks(TriviaGameState state, int upTo) => Runs(state, upTo).ToDictionary(r => r.Key, r => r.Value.Current, StringComparer.Ordinal);

    private static Dictionary<string, int> BestStreaks(TriviaGameState state, int upTo) => Runs(state, upTo).ToDictionary(r => r.Key, r => r.Value.Best, StringComparer.Ordinal);

    private static Dictionary<string, (int Current, int Best)> Runs(TriviaGameState state, int upTo)
    {
        var runs = new Dictionary<string, (int Current, int Best)>(StringComparer.Ordinal);
        var byRound = state.Presses.ToLookup(p => p.RoundIndex);
        foreach (var player in state.Presses.Select(p => p.Player.UserId).Distinct(StringComparer.Ordinal))
        {
            runs[player] = (0, 0);
        }

        for (var round = 0; round <= upTo && round < state.Rounds.Count; round++)
        {
            var right = byRound[round].Where(p => p.Correct).Select(p => p.Player.UserId).ToHashSet(StringComparer.Ordinal);
            foreach (var player in runs.Keys.ToList())
            {
                var (current, best) = runs[player];
                current = right.Contains(player) ? current + 1 : 0;
                runs[player] = (current, Math.Max(best, current));
            }
        }

        return runs;
    }

    private static int RightPosition(TriviaQuestion question)
    {
        if (question.Question.Kind == QuestionKind.TrueFalse)
        {
            return AnswerJudge.IsTrue(question.Question) ? 0 : 1;
        }

        var right = AnswerJudge.RightChoiceIndex(question.Question);
        for (var position = 0; position < question.ChoiceOrder.Count; position++)
        {
            if (question.ChoiceOrder[position] == right)
            {
                return position;
            }
        }

        return 0;
    }
}

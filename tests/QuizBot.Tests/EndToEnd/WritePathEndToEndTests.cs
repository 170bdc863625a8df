using System.Globalization;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.EndToEnd;

/// <summary>
/// What each kind of interaction costs in write transactions, through the real host and its SQLite file: every
/// interaction takes its replay receipt, and only a change of state writes more.
/// </summary>
public sealed class WritePathEndToEndTests
{
    private static readonly TestUser Alice = new(101, "Alice");

    [Fact]
    public async Task Each_interaction_commits_its_receipt_and_only_a_change_of_state_writes_more()
    {
        await using var bot = await RunningBot.StartAsync(Transport.Http);
        using var ledger = new WriteLedger(bot.DatabasePath);
        var byKind = new Dictionary<string, List<(long Commits, long Turns, double HeldMs, IReadOnlyList<string> Operations)>>(StringComparer.Ordinal);
        async Task<InteractionResponse> Send(Interaction interaction)
        {
            ledger.Take();
            var response = await bot.SendAsync(interaction);
            var kind = KindOf(interaction);
            if (!byKind.TryGetValue(kind, out var list))
            {
                byKind[kind] = list = [];
            }

            list.Add(ledger.Take());
            return response;
        }

        var play = new QuizPlaythrough(Send, Alice);
        var screen = await Send(Alice.Command("quiz", InteractionDataOption.Integer("length", 10)));
        for (var i = 1; i <= 10; i++)
        {
            // The answer's reply carries the next question: one tap per question.
            screen = await play.AnswerAsync(screen, correctly: i % 2 == 0);
        }

        await Send(Alice.Command("stats"));
        await Send(Alice.Command("leaderboard"));

        var table = string.Join('\n', byKind.Select(pair => string.Create(CultureInfo.InvariantCulture,
            $"{pair.Key}: {pair.Value.Count} sent, commits {pair.Value.Sum(w => w.Commits)}, turns {pair.Value.Sum(w => w.Turns)}, " +
            $"held {pair.Value.Sum(w => w.HeldMs) / pair.Value.Count:0.000} ms each, by {string.Join(" + ", pair.Value[0].Operations)}")));
        TestContext.Current.TestOutputHelper?.WriteLine(table);

        // The answers' own transactions: one each, however the answer was given.
        Assert.All(byKind["answer button"].Concat(byKind.GetValueOrDefault("modal submit") ?? []), w => Assert.Single(w.Operations, "ApplyAsync"));
        Assert.All(byKind["/quiz"], w => Assert.Single(w.Operations, "OpenAsync"));

        // Screens that only read write nothing of their own.
        foreach (var readOnly in new[] { "/stats", "/leaderboard", "Type answer" })
        {
            Assert.All(byKind.GetValueOrDefault(readOnly) ?? [], w => Assert.DoesNotContain(w.Operations, op => op is "ApplyAsync" or "OpenAsync"));
        }

        // Every interaction took exactly one receipt, and every turn at the write gate committed.
        Assert.All(byKind.Values.SelectMany(v => v), w => Assert.Single(w.Operations, "TryRecordAsync"));
        Assert.All(byKind.Values.SelectMany(v => v), w => Assert.Equal(w.Turns, w.Commits));
    }

    private static string KindOf(Interaction interaction)
    {
        if (interaction.Type == InteractionType.ApplicationCommand)
        {
            return "/" + interaction.Data!.Name;
        }

        if (interaction.Type == InteractionType.ModalSubmit)
        {
            return "modal submit";
        }

        Assert.True(CustomId.TryParse(interaction.Data!.CustomId, out var id));
        return id.Action switch
        {
            QuizIds.Answer => "answer button",
            QuizIds.TypeAnswer => "Type answer",
            QuizIds.Next => "Next ▶",
            _ => id.Action,
        };
    }
}

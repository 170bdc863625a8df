using System.Globalization;
using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.ScaleOut.Tests;

/// <summary>
/// One member playing quizzes as people do, through the <see cref="Balancer"/>: <c>/quiz length:5</c>, a choice (or
/// "Type answer" and the modal) for each question, whose reply shows the next question, then another quiz. When an answer gets no reveal (its
/// instance was killed) the member presses the same button again, as a person facing "This interaction failed" would;
/// the bot must then replay the stored reveal or store the answer now, never both or neither. Anything else
/// unexpected sends the member back to <c>/quiz</c>, which offers to resume the open quiz.
/// </summary>
internal sealed class QuizPlayer(TestUser member, Balancer balancer, AnswerLedger ledger)
{
    private const int QuizLength = 5;

    private InteractionResponse? screen;

    /// <summary>Replies that were not what the member expected (after a reply was lost, a stale screen is expected).</summary>
    public List<string> Surprises { get; } = [];

    public async Task PlayAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (screen is null)
            {
                await StartAsync();
            }
            else
            {
                await AnswerAsync(stop);
            }
        }
    }

    private async Task StartAsync()
    {
        var delivery = await balancer.SendAsync(member.Command("quiz", InteractionDataOption.Integer("length", QuizLength)));
        if (delivery.Reply?.Button(QuizStartView.ResumeLabel) is { } resume)
        {
            // A quiz is open (its start or an answer's reply was lost with a killed instance): carry on with it.
            await ShowAsync(member.Click(resume.CustomId!));
            return;
        }

        Take(delivery, "a question");
    }

    private async Task ShowAsync(Interaction interaction) => Take(await balancer.SendAsync(interaction), "a question");

    private void Take(Delivery delivery, string expected)
    {
        if (delivery.Reply is { } reply && reply.IsQuestion())
        {
            screen = reply;
            return;
        }

        screen = null;
        Surprises.Add($"expected {expected}, got {delivery.Failure ?? delivery.Reply.Glimpse()}");
    }

    private async Task AnswerAsync(CancellationToken stop)
    {
        var question = screen!;
        Func<Interaction> send;
        string answerId;
        if (question.Button(QuizQuestionView.TypeAnswerLabel) is { } typeAnswer)
        {
            var modal = await balancer.SendAsync(member.Click(typeAnswer.CustomId!));
            if (modal.Reply is not { Type: InteractionCallbackType.Modal, Data.CustomId: { } modalId })
            {
                Take(modal, "the answer modal");
                return;
            }

            answerId = modalId;
            send = () => member.Submit(modalId, (QuizIds.AnswerInput, "a guess"));
        }
        else
        {
            var choices = question.ChoiceButtons();
            answerId = choices[Random.Shared.Next(choices.Count)].CustomId!;
            send = () => member.Click(answerId);
        }

        var key = KeyOf(answerId);
        while (!stop.IsCancellationRequested)
        {
            var delivery = await balancer.SendAsync(send());
            if (delivery.Reply is { } reply && reply.IsVerdict())
            {
                ledger.Acknowledge(key, member.UserId, reply.Title().StartsWith('✅'));
                // The reply shows the next question below the reveal; after the last one, the summary.
                screen = reply.IsQuestion() ? reply : null;
                return;
            }

            if (delivery.Reply is not null)
            {
                Take(delivery, "a reveal");
                return;
            }

            // No reply: the answer may or may not be stored. The member presses again (a new interaction, maybe another instance).
            ledger.Unacknowledge(key);
        }
    }

    private static AnswerKey KeyOf(string customId) =>
        CustomId.TryParse(customId, out var id) && id.Args.Count > 0
            ? new AnswerKey(id.Key, int.Parse(id.Args[0], CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"Not a quiz answer custom_id: {customId}");
}

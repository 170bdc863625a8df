using System.Text;
using System.Text.Json;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Views;
using DiscordButton = QuizBot.Discord.Models.Button;

namespace QuizBot.LoadGen.Tests;

/// <summary>
/// The generator reads each reply into its own slim <see cref="Reply"/>: from the JSON the bot's own models write, a
/// member must see the same buttons, titles and kinds of screen it saw through the full <see cref="InteractionResponse"/>.
/// </summary>
public sealed class ReplyTests
{
    private static readonly Embed Reveal = new() { Title = "❌ Not quite", Description = "Answer: **False** — \"quoted\"\nSource: [1]", Footer = new EmbedFooter { Text = "0 points" } };
    private static readonly Embed Question = new() { Title = "Quiz — Russia and Central Asia", Description = "**Question 3/10**\nWhich came first?" };

    [Fact]
    public void A_reveal_with_the_next_choice_question_shows_its_verdict_and_only_the_choices_as_choices()
    {
        var reply = ParseFromModel(InteractionResponse.Update(new MessagePayload
        {
            Embeds = [Reveal, Question],
            Components =
            [
                ActionRow.Of(DiscordButton.Primary("q:c:0", "A"), DiscordButton.Primary("q:c:1", "B"), DiscordButton.Primary("q:c:2", "C")),
                ActionRow.Of(DiscordButton.Secondary("q:skip", QuizQuestionView.SkipLabel), DiscordButton.Secondary("q:r:3", QuizQuestionView.ReportLabel), DiscordButton.Secondary("q:r:2", QuizQuestionView.ReportLabel + " Q2")),
            ],
        }));

        Assert.Equal(InteractionCallbackType.UpdateMessage, reply.Type);
        Assert.Equal("❌ Not quite", reply.Title());
        Assert.True(reply.IsVerdict());
        Assert.True(reply.IsQuestion());
        Assert.False(reply.IsSummary());
        Assert.Equal(["q:c:0", "q:c:1", "q:c:2"], reply.ChoiceButtons().Select(b => b.CustomId));
        Assert.Equal(6, reply.Buttons().Count);
        Assert.True(Expected.Verdict.Matches(reply));
        Assert.False(Expected.Question.Matches(reply));
    }

    [Fact]
    public void A_typed_question_has_no_choices_and_the_last_reveal_is_a_summary_not_a_question()
    {
        var typed = ParseFromModel(InteractionResponse.Message(new MessagePayload
        {
            Embeds = [Question],
            Components = [ActionRow.Of(DiscordButton.Primary("q:t", QuizQuestionView.TypeAnswerLabel)), ActionRow.Of(DiscordButton.Secondary("q:skip", QuizQuestionView.SkipLabel))],
        }));
        var last = ParseFromModel(InteractionResponse.Update(new MessagePayload { Embeds = [Reveal, new Embed { Title = QuizRevealView.SummaryTitle }] }));

        Assert.True(typed.IsQuestion());
        Assert.Empty(typed.ChoiceButtons());
        Assert.Equal("q:t", typed.Button(QuizQuestionView.TypeAnswerLabel)?.CustomId);
        Assert.True(Expected.Question.Matches(typed));
        Assert.True(last.IsSummary());
        Assert.False(last.IsQuestion());
        Assert.True(Expected.Verdict.Matches(last));
    }

    [Fact]
    public void A_modal_shows_its_id_and_a_picture_reply_its_embed()
    {
        var modal = ParseFromModel(InteractionResponse.Modal("q:tm:2", "Question 3/10", Label.Of("Your answer", TextInput.Short(QuizIds.AnswerInput))));
        var stats = ParseFromModel(InteractionResponse.Message(new MessagePayload { Embeds = [new Embed { Title = "Your stats" }] }));
        var bare = ParseFromModel(InteractionResponse.Message("no embed"));

        Assert.Equal("q:tm:2", modal.Data?.CustomId);
        Assert.True(Expected.Modal.Matches(modal));
        Assert.Empty(modal.Buttons());
        Assert.True(Expected.PictureReply.Matches(stats));
        Assert.False(Expected.PictureReply.Matches(bare));
        Assert.Equal("no embed", bare.Glimpse());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":7,\"data\":{\"embeds\":[{\"title\":\"x\"}]")]
    [InlineData("{\"type\":\"seven\"}")]
    [InlineData("{\"type\":7,\"data\":{\"components\":[{\"type\":1,\"components\":{}}]}}")]
    public void A_reply_that_is_not_a_replys_json_reads_as_none(string json) => Assert.Null(Reply.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_deferred_edit_reads_as_the_reply_it_stands_for()
    {
        var message = new MessagePayload { Embeds = [Reveal, Question], Components = [ActionRow.Of(DiscordButton.Primary("q:c:0", "A")), ActionRow.Of(DiscordButton.Secondary("q:skip", QuizQuestionView.SkipLabel))] };

        var reply = Reply.FromMessage(InteractionCallbackType.UpdateMessage, message);

        Assert.True(Expected.Verdict.Matches(reply));
        Assert.Equal(["q:c:0"], reply.ChoiceButtons().Select(b => b.CustomId));
    }

    private static Reply ParseFromModel(InteractionResponse response) =>
        Reply.Parse(JsonSerializer.SerializeToUtf8Bytes(response, DiscordJsonContext.Default.InteractionResponse)) ?? throw new InvalidOperationException("unreadable");
}

using System.Text.Json;

using QuizBot.Discord.Models;
using QuizBot.Interactions;
using QuizBot.Modules;
using QuizBot.Tests.Support;
using QuizBot.Views;

namespace QuizBot.Tests.Modules;

/// <summary>What a hostile or broken client can send, through the real pipeline: never an exception, never a 5xx-style failure.</summary>
public sealed class HostileInputTests
{
    private static readonly TestUser Alice = new(101, "Alice");

    [Fact]
    public async Task A_second_quiz_offers_resume_or_abandon_and_abandoning_ends_the_first()
    {
        using var harness = new PipelineHarness();
        var first = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 5)));
        var offer = await harness.SendAsync(Alice.Command("quiz"));

        Assert.True(offer.IsEphemeral());
        var resumed = await harness.SendAsync(Alice.Click(offer.ButtonId(QuizStartView.ResumeLabel)));
        Assert.Equal(InteractionCallbackType.UpdateMessage, resumed.Type);
        Assert.Equal(first.Data!.Embeds![0].Description, resumed.Data!.Embeds![0].Description);

        var ended = await harness.SendAsync(Alice.Click(offer.ButtonId(QuizStartView.AbandonLabel)));
        Assert.Contains("0/5", ended.Data!.Embeds![0].Fields!.Select(f => f.Value));
        var fresh = await harness.SendAsync(Alice.Command("quiz"));
        Assert.NotNull(fresh.ButtonId(QuizQuestionView.SkipLabel));
        Assert.Equal(Replies.QuizEnded, (await harness.SendAsync(Alice.Click(first.ButtonId(QuizQuestionView.SkipLabel)))).Data!.Content);
    }

    [Fact]
    public async Task A_report_form_for_a_question_not_yet_shown_is_refused_and_stores_nothing()
    {
        using var harness = new PipelineHarness();
        var screen = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.Integer("length", 5)));
        var report = screen.ButtonId(QuizQuestionView.ReportLabel);
        var forged = report.Replace(":r:0", ":rm:3", StringComparison.Ordinal);

        var refused = await harness.SendAsync(Alice.Submit(forged, (QuizIds.ReasonInput, "wrong!")));

        Assert.Equal(QuizModule.NotShownYet, refused.Data!.Content);
        Assert.Empty(await harness.Store.Guilds.GetReportsAsync(TestUser.Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), includeResolved: true));
    }

    [Fact]
    public async Task A_megabyte_topic_gets_a_short_answer_with_a_did_you_mean()
    {
        using var harness = new PipelineHarness();
        var library = harness.Get<Content.DeckLibrary>();
        var near = library.Topics[0][..^1];

        var huge = await harness.SendAsync(Alice.Command("quiz", InteractionDataOption.String("topic", near + new string('x', 1_000_000))));
        var typo = await harness.SendAsync(Alice.Command("study", InteractionDataOption.String("topic", near)));
        var fact = await harness.SendAsync(Alice.Command("fact", InteractionDataOption.String("topic", new string('y', 1_000_000))));

        foreach (var reply in new[] { huge, typo, fact })
        {
            Assert.True(reply.IsEphemeral());
            Assert.InRange(reply.Data!.Content!.Length, 1, MessagePayload.MaxContentLength);
        }

        Assert.Contains($"Did you mean **{library.Topics[0]}**", typo.Data!.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"1","application_id":"4242","type":2,"token":"t","guild_id":"900000000000000001","member":{"user":{"id":"101","username":"a"},"permissions":"0"},"data":{"id":"5","name":"quiz","type":1,"options":[null]}}""")]
    [InlineData("""{"id":"1","application_id":"4242","type":2,"token":"t","guild_id":"900000000000000001","member":{"user":{"id":"101","username":"a"},"permissions":"0"},"data":{"id":"5","name":"quizadmin","type":1,"options":[{"name":"daily","type":1,"options":[null,null]}]}}""")]
    [InlineData("""{"id":"1","application_id":"4242","type":5,"token":"t","guild_id":"900000000000000001","member":{"user":{"id":"101","username":"a"},"permissions":"0"},"data":{"custom_id":"q1:abc:rm:0","components":[null,{"type":1,"components":[null]}]}}""")]
    [InlineData("""{"id":"1","application_id":"4242","type":3,"token":"t","guild_id":"900000000000000001","data":{"custom_id":"q1:abc:skip:0","component_type":2}}""")]
    [InlineData("""{"id":"1","application_id":"4242","type":2,"token":"t","data":{"id":"5","name":"help","type":1}}""")]
    public async Task Null_elements_and_missing_invokers_get_a_clear_answer_not_an_exception(string json)
    {
        using var harness = new PipelineHarness();
        var interaction = JsonSerializer.Deserialize(json, QuizBot.Discord.DiscordJsonContext.Default.Interaction)!;

        var response = await harness.SendAsync(interaction);

        Assert.True(response.IsEphemeral());
        Assert.DoesNotContain("Something went wrong", response.Data!.Content ?? "", StringComparison.Ordinal);
        if (interaction.Member is null && interaction.User is null)
        {
            Assert.Equal(Replies.UnknownInvoker, response.Data.Content);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Tests.EndToEnd;

namespace QuizBot.Tests.Support;

/// <summary>
/// Drives a bot started with Discord:DeferAfter=0 (every interaction deferred) and checks the slow path the way
/// Discord would: the deferral type fits the interaction, the late answer lands on the right message through the
/// right webhook call, and that call carries no field Discord refuses there. Returns the answer as the equivalent
/// initial response, so the usual playthrough helpers read it unchanged.
/// </summary>
internal sealed class DeferredDelivery(RunningBot bot)
{
    private const int SuppressEmbeds = 1 << 2;
    private const int Ephemeral = 1 << 6;
    private const int SuppressNotifications = 1 << 12;
    private const int ComponentsV2 = 1 << 15;
    private static readonly string[] NotMessageFields = ["choices", "custom_id", "title", "tts"];

    /// <summary>Interactions whose answer was a modal, so the user was told to press again (never silence).</summary>
    public int PressAgainCount { get; private set; }

    public async Task<InteractionResponse> SendAsync(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var deferral = await bot.SendInitialAsync(interaction);
        if (interaction.Type == InteractionType.ApplicationCommandAutocomplete)
        {
            Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, deferral.Type);
            return deferral;
        }

        var updatesMessage = interaction.Type == InteractionType.MessageComponent
            || (interaction.Type == InteractionType.ModalSubmit && interaction.Message is not null);
        Assert.Equal(updatesMessage ? InteractionCallbackType.DeferredUpdateMessage : InteractionCallbackType.DeferredChannelMessageWithSource, deferral.Type);
        if (updatesMessage)
        {
            Assert.Null(deferral.Data);
        }

        var webhook = $"/webhooks/{TestUser.Application}/{interaction.Token}";
        var late = await bot.Rest.WaitForRequestAsync(request =>
            (request.Is("PATCH", webhook + "/messages/@original") || request.Is("POST", webhook)));
        var body = late.JsonPayload!.AsObject();
        foreach (var field in NotMessageFields)
        {
            Assert.False(body.ContainsKey(field), $"The late {late.Method} carried '{field}': {late.Body}");
        }

        var flags = body["flags"]?.GetValue<int>() ?? 0;
        if (late.Method == "PATCH")
        {
            Assert.True((flags & ~(SuppressEmbeds | ComponentsV2)) == 0, $"PATCH @original carried flags {flags}: {late.Body}");
        }
        else
        {
            Assert.True((flags & ~(SuppressEmbeds | Ephemeral | SuppressNotifications | ComponentsV2)) == 0, $"The follow-up carried flags {flags}: {late.Body}");
        }

        var message = JsonSerializer.Deserialize(body.ToJsonString(), DiscordJsonContext.Default.MessagePayload)!;
        DiscordLimits.AssertWithin(InteractionResponse.Message(message));
        if (late.Method == "POST" && (message.Content ?? "").Contains("press the button again", StringComparison.OrdinalIgnoreCase))
        {
            Assert.True(message.IsEphemeral);
            PressAgainCount++;
            return await PressAgainAsync(interaction);
        }

        if (late.Method == "PATCH" && updatesMessage)
        {
            return InteractionResponse.Update(message);
        }

        // A message after a "thinking" deferral is ephemeral exactly when the deferral was.
        var ephemeralThinking = deferral.Data?.IsEphemeral == true;
        return InteractionResponse.Message(late.Method == "PATCH" && ephemeralThinking ? message.AsEphemeral() : message);
    }

    /// <summary>The user presses again; this time the press is answered at once, as a modal must be.</summary>
    private async Task<InteractionResponse> PressAgainAsync(Interaction interaction)
    {
        var options = bot.DiscordOptions;
        var forced = options.DeferAfter;
        options.DeferAfter = TimeSpan.FromMinutes(1);
        try
        {
            var id = TestUser.NewInteractionId();
            var modal = await bot.SendAsync(interaction with { Id = id, Token = $"interaction-token-{id}" });
            Assert.Equal(InteractionCallbackType.Modal, modal.Type);
            return modal;
        }
        finally
        {
            options.DeferAfter = forced;
        }
    }
}

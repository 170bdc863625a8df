using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.EndToEnd;

internal sealed partial class RunningBot
{
    /// <summary>
    /// What the member finally sees: a deferred HTTP reply (a reply with files, or a slow one) is completed by
    /// the bot's edit of @original, so the answer is that edit, with the deferral's visibility.
    /// </summary>
    private async Task<InteractionResponse?> DeliveredAsync(Interaction interaction, InteractionResponse? initial)
    {
        if (initial?.Type is not (InteractionCallbackType.DeferredChannelMessageWithSource or InteractionCallbackType.DeferredUpdateMessage))
        {
            return initial;
        }

        var edit = await rest.WaitForRequestAsync("PATCH", $"/webhooks/{TestUser.Application}/{interaction.Token}/messages/@original");
        var data = new InteractionCallbackData(JsonSerializer.Deserialize(edit.JsonPayload!.ToJsonString(), DiscordJsonContext.Default.MessagePayload)!);
        return new InteractionResponse
        {
            Type = initial.Type == InteractionCallbackType.DeferredUpdateMessage ? InteractionCallbackType.UpdateMessage : InteractionCallbackType.ChannelMessageWithSource,
            Data = data with { Flags = initial.Data?.Flags ?? data.Flags },
        };
    }

    /// <summary>A service of the running host (e.g. its drawing queue, to hold it in a test).</summary>
    public T Service<T>()
        where T : notnull => app!.Services.GetRequiredService<T>();

    /// <summary>
    /// The files the bot sent with its answer to <paramref name="interaction"/>: the gateway callback when it carries
    /// them, otherwise the edit of @original that completes the reply (a picture added to a text sent at once, or a deferral completed).
    /// </summary>
    public async Task<RecordedUpload> UploadForAsync(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (Transport == Transport.Gateway)
        {
            var callback = await rest.WaitForRequestAsync("POST", $"/interactions/{interaction.Id}/{interaction.Token}/callback");
            if (callback.IsMultipart)
            {
                return RecordedUpload.From(callback);
            }
        }

        return RecordedUpload.From(await rest.WaitForRequestAsync("PATCH", $"/webhooks/{TestUser.Application}/{interaction.Token}/messages/@original"));
    }
}

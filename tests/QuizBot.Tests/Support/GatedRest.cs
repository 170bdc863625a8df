using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Discord.Models;
using QuizBot.Discord.Rest;

namespace QuizBot.Tests.Support;

/// <summary>
/// Holds the bot's REST calls made with chosen interaction tokens until the test opens the gate: a Discord that
/// answers one channel's webhook slowly (20 s, or never) without the test waiting 20 real seconds. Calls with other
/// tokens go straight through to the real REST client (and so to the fake REST server).
/// </summary>
internal sealed class RestGate
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> entered = new(StringComparer.Ordinal);

    /// <summary>From now on, calls with <paramref name="token"/> wait until <see cref="Open"/>.</summary>
    public void Hold(string token)
    {
        held[token] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        entered[token] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open(string token)
    {
        if (held.TryRemove(token, out var gate))
        {
            gate.TrySetResult();
        }
    }

    /// <summary>Completes when a call with <paramref name="token"/> is being held.</summary>
    public Task HoldingAsync(string token) => entered[token].Task;

    /// <summary>Wraps the host's registered <see cref="IDiscordRestClient"/> so every call passes this gate first.</summary>
    public void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IDiscordRestClient));
        services.Remove(original);
        services.AddSingleton<IDiscordRestClient>(provider => new GatedRestClient(Create(original, provider), this));
    }

    private async Task PassAsync(string token, CancellationToken cancellationToken)
    {
        if (held.TryGetValue(token, out var gate))
        {
            entered[token].TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }
    }

    private static IDiscordRestClient Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (IDiscordRestClient)(descriptor.ImplementationFactory?.Invoke(provider)
            ?? descriptor.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    private sealed class GatedRestClient(IDiscordRestClient inner, RestGate gate) : IDiscordRestClient
    {
        public async Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            await inner.CreateInteractionResponseAsync(interactionId, interactionToken, response, cancellationToken);
        }

        public async Task<Message> GetOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            return await inner.GetOriginalResponseAsync(interactionToken, cancellationToken);
        }

        public async Task<Message> EditOriginalResponseAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            return await inner.EditOriginalResponseAsync(interactionToken, message, cancellationToken);
        }

        public async Task DeleteOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            await inner.DeleteOriginalResponseAsync(interactionToken, cancellationToken);
        }

        public async Task<Message> CreateFollowupMessageAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            return await inner.CreateFollowupMessageAsync(interactionToken, message, cancellationToken);
        }

        public async Task<Message> EditFollowupMessageAsync(string interactionToken, ulong messageId, MessagePayload message, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            return await inner.EditFollowupMessageAsync(interactionToken, messageId, message, cancellationToken);
        }

        public async Task DeleteFollowupMessageAsync(string interactionToken, ulong messageId, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            await inner.DeleteFollowupMessageAsync(interactionToken, messageId, cancellationToken);
        }

        public async Task CreateInteractionResponseWithFilesAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            await inner.CreateInteractionResponseWithFilesAsync(interactionId, interactionToken, response, cancellationToken);
        }

        public async Task<Message> EditOriginalResponseWithFilesAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            return await inner.EditOriginalResponseWithFilesAsync(interactionToken, message, cancellationToken);
        }

        public async Task<Message> CreateFollowupMessageWithFilesAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(interactionToken, cancellationToken);
            return await inner.CreateFollowupMessageWithFilesAsync(interactionToken, message, cancellationToken);
        }

        public Task<Message> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken cancellationToken = default) =>
            inner.CreateMessageAsync(channelId, message, cancellationToken);

        public Task<Message> CreateMessageOnceAsync(ulong channelId, NoncedMessagePayload message, CancellationToken cancellationToken = default) =>
            inner.CreateMessageOnceAsync(channelId, message, cancellationToken);

        public Task<Message> EditMessageAsync(ulong channelId, ulong messageId, MessagePayload message, CancellationToken cancellationToken = default) =>
            inner.EditMessageAsync(channelId, messageId, message, cancellationToken);

        public Task DeleteMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
            inner.DeleteMessageAsync(channelId, messageId, cancellationToken);

        public Task<Channel> CreateDmChannelAsync(ulong userId, CancellationToken cancellationToken = default) =>
            inner.CreateDmChannelAsync(userId, cancellationToken);

        public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(IEnumerable<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
            inner.BulkOverwriteGlobalCommandsAsync(commands, cancellationToken);

        public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(ulong guildId, IEnumerable<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
            inner.BulkOverwriteGuildCommandsAsync(guildId, commands, cancellationToken);

        public Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default) => inner.GetGatewayBotAsync(cancellationToken);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Interactions;
using QuizBot.Discord.Models;

namespace QuizBot.Discord.Tests;

/// <summary>What the registrations hand out for the shutdown, replay and status pieces, and the replay guard's bounds.</summary>
public sealed class ProtocolRegistrationTests
{
    [Fact]
    public void The_gateway_registration_exposes_the_clients_status_and_a_bounded_replay_guard()
    {
        using var provider = Services().AddDiscordGateway(options => options.Token = "t").BuildServiceProvider();

        var client = provider.GetRequiredService<DiscordGatewayClient>();
        Assert.Same(client.Status, provider.GetRequiredService<IGatewayConnectionStatus>());
        Assert.Equal(GatewayConnectionState.Connecting, client.Status.State);
        Assert.IsType<MemoryInteractionDeduplicator>(provider.GetRequiredService<IInteractionDeduplicator>());
        Assert.Same(provider.GetRequiredService<DiscordApplication>(), provider.GetRequiredService<DiscordApplication>());
    }

    [Fact]
    public void An_app_can_bring_its_own_replay_guard_and_http_mode_drains_on_stop()
    {
        var own = new NeverSeen();
        var services = Services().AddSingleton<IInteractionDeduplicator>(own);
        services.AddDiscordInteractions(options => options.PublicKey = Testing.InteractionSigner.Rfc8032Test1PublicKeyHex);
        using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IInteractionDeduplicator>());
        Assert.Contains(services, descriptor => descriptor.ImplementationType == typeof(InteractionDrainService));
    }

    [Fact]
    public async Task The_replay_guard_holds_at_most_its_capacity()
    {
        var guard = new MemoryInteractionDeduplicator(new FakeTimeProvider(), capacity: 1000);
        for (ulong id = 0; id < 10_000; id++)
        {
            Assert.True(await guard.TryBeginAsync(id, CancellationToken.None));
        }

        Assert.Equal(1000, guard.Count);
        Assert.False(await guard.TryBeginAsync(9_999, CancellationToken.None));
        Assert.True(await guard.TryBeginAsync(0, CancellationToken.None));
    }

    private static IServiceCollection Services() =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddSingleton<IInteractionHandler>(new NoAnswer());

    private sealed class NoAnswer : IInteractionHandler
    {
        public Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionResponse.Message("unused"));
    }

    private sealed class NeverSeen : IInteractionDeduplicator
    {
        public ValueTask<bool> TryBeginAsync(ulong interactionId, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }
}

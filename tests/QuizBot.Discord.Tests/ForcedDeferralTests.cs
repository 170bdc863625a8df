using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public enum Transport
{
    Http,
    Gateway,
}

/// <summary>
/// The slow path on both transports, forced with DeferAfter=0 and a handler held until the deferral is out:
/// the callback type, which message the late answer lands on, and no field Discord refuses there.
/// </summary>
public sealed class ForcedDeferralTests
{
    private static readonly TimeSpan Wait = GatewaySimulator.DefaultTimeout;

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task A_button_press_defers_as_an_update_and_its_update_edits_the_buttons_message(Transport transport)
    {
        var handler = new GatedHandler(_ => InteractionResponse.Update(MessagePayload.Text("next question").AsEphemeral()));
        await using var peer = await Peer.StartAsync(transport, handler);

        var deferral = await peer.SendAsync(Component("301", "tok-301", type: 3));
        Assert.Equal(6, deferral["type"]!.GetValue<int>());
        Assert.Null(deferral["data"]);
        handler.Release();

        var edit = await peer.Rest.WaitForRequestAsync("PATCH", "/webhooks/77/tok-301/messages/@original");
        Assert.Equal("next question", edit.Json!["content"]!.GetValue<string>());
        Assert.Null(edit.Json["flags"]);
        Assert.DoesNotContain(peer.Rest.Requests, request => request.Is("POST", "/webhooks/77/tok-301"));
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task A_modal_submitted_from_a_message_defers_as_an_update_and_edits_that_message(Transport transport)
    {
        var handler = new GatedHandler(_ => InteractionResponse.Update(MessagePayload.Text("revealed")));
        await using var peer = await Peer.StartAsync(transport, handler);

        var deferral = await peer.SendAsync(Component("302", "tok-302", type: 5));
        Assert.Equal(6, deferral["type"]!.GetValue<int>());
        handler.Release();

        var edit = await peer.Rest.WaitForRequestAsync("PATCH", "/webhooks/77/tok-302/messages/@original");
        Assert.Equal("revealed", edit.Json!["content"]!.GetValue<string>());
        Assert.Null(edit.Json["flags"]);
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task A_private_command_defers_ephemerally_and_the_edit_carries_only_allowed_flags(Transport transport)
    {
        var handler = new GatedHandler(
            _ => InteractionResponse.Message(MessagePayload.Text("your stats") with { Flags = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds }),
            deferEphemerally: true);
        await using var peer = await Peer.StartAsync(transport, handler);

        var deferral = await peer.SendAsync(GatewayHarness.Interaction("303", "tok-303"));
        Assert.Equal(5, deferral["type"]!.GetValue<int>());
        Assert.Equal(64, deferral["data"]!["flags"]!.GetValue<int>());
        handler.Release();

        var edit = await peer.Rest.WaitForRequestAsync("PATCH", "/webhooks/77/tok-303/messages/@original");
        Assert.Equal("your stats", edit.Json!["content"]!.GetValue<string>());
        Assert.Equal((int)MessageFlags.SuppressEmbeds, edit.Json["flags"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(Transport.Http)]
    [InlineData(Transport.Gateway)]
    public async Task A_press_whose_modal_comes_too_late_gets_an_ephemeral_press_again(Transport transport)
    {
        var handler = new GatedHandler(_ => InteractionResponse.Modal("q1:abc:typed", "Type your answer", new Component { Type = ComponentType.Label }));
        await using var peer = await Peer.StartAsync(transport, handler);

        Assert.Equal(6, (await peer.SendAsync(Component("304", "tok-304", type: 3)))["type"]!.GetValue<int>());
        handler.Release();

        var followUp = await peer.Rest.WaitForRequestAsync("POST", "/webhooks/77/tok-304");
        Assert.Equal(64, followUp.Json!["flags"]!.GetValue<int>());
        Assert.Contains("press the button again", followUp.Json["content"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(peer.Rest.Requests, request => request.Method == "PATCH");
    }

    [Fact]
    public async Task An_http_interaction_in_flight_when_the_host_stops_still_gets_its_answer()
    {
        var handler = new GatedHandler(_ => InteractionResponse.Message("answered while stopping"));
        await using var peer = await Peer.StartAsync(Transport.Http, handler, deferAfter: TimeSpan.FromMinutes(5));

        var reply = peer.SendAsync(GatewayHarness.Interaction("305", "tok-305"));
        await handler.WaitEnteredAsync();
        var stopping = peer.StopAsync();
        Assert.False(stopping.IsCompleted);

        handler.Release();

        Assert.Equal("answered while stopping", (await reply.WaitAsync(Wait))["data"]!["content"]!.GetValue<string>());
        await stopping.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_deferred_http_interaction_in_flight_when_the_host_stops_is_delivered_before_the_stop_completes()
    {
        var handler = new GatedHandler(_ => InteractionResponse.Message("late but delivered"));
        await using var peer = await Peer.StartAsync(Transport.Http, handler);
        Assert.Equal(5, (await peer.SendAsync(GatewayHarness.Interaction("306", "tok-306")))["type"]!.GetValue<int>());

        var stopping = peer.StopAsync();
        Assert.False(stopping.IsCompleted);
        handler.Release();

        var edit = await peer.Rest.WaitForRequestAsync("PATCH", "/webhooks/77/tok-306/messages/@original");
        await stopping.WaitAsync(Wait);
        Assert.Equal("late but delivered", edit.Json!["content"]!.GetValue<string>());
    }

    private static JsonObject Component(string id, string token, int type)
    {
        var interaction = GatewayHarness.Interaction(id, token, type);
        interaction["data"] = new JsonObject { ["custom_id"] = "q1:abc:next", ["component_type"] = 2 };
        interaction["message"] = new JsonObject { ["id"] = "5555", ["channel_id"] = "3" };
        return interaction;
    }

    /// <summary>Discord's side of one transport: signed HTTP to a real endpoint, or the gateway simulator; both with the fake REST server.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        private readonly HttpClient _http = new();
        private readonly InteractionSigner _signer = InteractionSigner.Create();
        private GatewayHarness? _gateway;
        private GatewayConnection? _connection;
        private WebApplication? _app;
        private Uri? _endpoint;
        private bool _stopped;

        public FakeDiscordRestServer Rest { get; private set; } = null!;

        public static async Task<Peer> StartAsync(Transport transport, IInteractionHandler handler, TimeSpan? deferAfter = null)
        {
            var peer = new Peer();
            if (transport == Transport.Gateway)
            {
                peer._gateway = await GatewayHarness.StartAsync(handler: handler, configure: options => options.DeferAfter = deferAfter ?? TimeSpan.Zero);
                peer.Rest = peer._gateway.Rest;
                peer._connection = await peer._gateway.ConnectReadyAsync();
                return peer;
            }

            peer.Rest = await FakeDiscordRestServer.StartAsync();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Services.AddDiscordInteractions(options =>
            {
                options.PublicKey = peer._signer.PublicKeyHex;
                options.ApplicationId = 77;
                options.ApiBaseUrl = peer.Rest.BaseUrl;
                options.DeferAfter = deferAfter ?? TimeSpan.Zero;
            });
            builder.Services.AddSingleton(handler);
            peer._app = builder.Build();
            peer._app.MapDiscordInteractions();
            await peer._app.StartAsync();
            var address = new Uri(peer._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            peer._endpoint = new Uri(address, "/interactions");
            return peer;
        }

        /// <summary>Delivers the interaction and returns the bot's initial response (the HTTP reply or the REST callback).</summary>
        public async Task<JsonNode> SendAsync(JsonObject interaction)
        {
            if (_connection is not null)
            {
                await _connection.SendInteractionAsync(interaction);
                var id = interaction["id"]!.GetValue<string>();
                var token = interaction["token"]!.GetValue<string>();
                return (await Rest.WaitForRequestAsync("POST", $"/interactions/{id}/{token}/callback")).Json!;
            }

            using var request = _signer.CreateRequest(_endpoint!, interaction.ToJsonString());
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        public async Task StopAsync()
        {
            _stopped = true;
            if (_gateway is not null)
            {
                await _gateway.StopAsync(CancellationToken.None);
            }
            else
            {
                await _app!.StopAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }
            else
            {
                if (!_stopped)
                {
                    await _app!.StopAsync();
                }

                await _app!.DisposeAsync();
                await Rest.DisposeAsync();
            }

            _http.Dispose();
            _signer.Dispose();
        }
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

/// <summary>What the gateway client tells the server and the operator, its queue, and how it stops.</summary>
public sealed class GatewayLifecycleTests
{
    private const int Identify = 2;
    private static readonly TimeSpan Wait = GatewaySimulator.DefaultTimeout;

    [Fact]
    public async Task The_upgrade_carries_the_user_agent_and_identify_names_the_client_the_app_chose()
    {
        await using var harness = await GatewayHarness.StartAsync(configure: options => options.ClientName = "studybot");

        var connection = await harness.Gateway.NextConnectionAsync();
        Assert.Equal("DiscordBot (https://example.org/quizbot, 3.1)", connection.UserAgent);
        await connection.SendHelloAsync(30_000);
        var properties = (await connection.ReceiveAsync(Identify))["d"]!["properties"]!;

        Assert.Equal("studybot", properties["browser"]!.GetValue<string>());
        Assert.Equal("studybot", properties["device"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connected_is_logged_only_after_hello_and_the_status_follows_the_session()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.Gateway.NextConnectionAsync();
        Assert.DoesNotContain(harness.Log.Lines, line => line.Contains("connected", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(GatewayConnectionState.Connecting, harness.Client.Status.State);

        await connection.SendHelloAsync(30_000);
        await connection.ReceiveAsync(Identify);
        Assert.Contains(harness.Log.Lines, line => line.Contains("Gateway connected (Hello", StringComparison.Ordinal));
        await connection.SendReadyAsync("session-1");
        await harness.WaitUntilClientCaughtUpAsync(connection);
        Assert.Equal(GatewayConnectionState.Connected, harness.Client.Status.State);

        connection.Drop();
        var next = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(GatewayConnectionState.Reconnecting, harness.Client.Status.State);
        await next.SendHelloAsync(30_000);
        await next.ReceiveAsync(6);
        await next.SendResumedAsync();
        await harness.WaitUntilClientCaughtUpAsync(next);
        Assert.Equal(GatewayConnectionState.Connected, harness.Client.Status.State);
    }

    [Fact]
    public async Task A_close_is_logged_with_its_code_and_reason()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.ConnectReadyAsync();
        await harness.WaitUntilClientCaughtUpAsync(connection);

        await connection.CloseAsync(4008, "You are sending too fast");
        await harness.Gateway.NextConnectionAsync();

        Assert.Contains(harness.Log.Lines, line => line.Contains("4008", StringComparison.Ordinal) && line.Contains("You are sending too fast", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fatal_close_leaves_the_status_failed_with_its_code()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.Gateway.NextConnectionAsync();
        await connection.SendHelloAsync(30_000);
        await connection.ReceiveAsync(Identify);

        await connection.CloseAsync(4004, "Authentication failed.");
        await Assert.ThrowsAsync<DiscordGatewayException>(() => harness.Client.ExecuteTask!.WaitAsync(Wait));

        Assert.Equal(GatewayConnectionState.Failed, harness.Client.Status.State);
        Assert.Equal(4004, harness.Client.Status.FatalCloseCode);
        Assert.Contains("Discord:Token", harness.Client.Status.FatalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_op_9_false_the_client_waits_at_least_a_second_of_its_clock_before_identifying()
    {
        var time = new FakeTimeProvider();
        await using var harness = await GatewayHarness.StartAsync(time: time);
        var first = await harness.ConnectReadyAsync();

        await first.SendInvalidSessionAsync(resumable: false);
        await first.Closed.WaitAsync(Wait);

        var advanced = TimeSpan.Zero;
        while (await harness.Gateway.StaysQuietAsync(TimeSpan.FromMilliseconds(200)))
        {
            Assert.True(advanced < TimeSpan.FromSeconds(30), "The client never identified again.");
            time.Advance(TimeSpan.FromMilliseconds(250));
            advanced += TimeSpan.FromMilliseconds(250);
        }

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.True(advanced >= TimeSpan.FromSeconds(1), $"Reconnected after only {advanced.TotalMilliseconds} ms of the client's clock.");
        await second.SendHelloAsync(30_000);
        await second.ReceiveAsync(Identify);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 3.0)]
    [InlineData(1.0, 5.0)]
    public void The_invalid_session_wait_spans_one_to_five_seconds(double random, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ReconnectStrategy.InvalidSessionDelay(random));

    [Fact]
    public void Only_a_non_resumable_invalid_session_waits_the_random_delay()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(ReconnectStrategy.DelayBefore(new ConnectionEnd(CloseAction.Reidentify, true, null, InvalidSession: true), 0), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        }

        Assert.Equal(TimeSpan.Zero, ReconnectStrategy.DelayBefore(new ConnectionEnd(CloseAction.Resume, true, null, InvalidSession: true), 0));
        Assert.Equal(TimeSpan.Zero, ReconnectStrategy.DelayBefore(new ConnectionEnd(CloseAction.Reidentify, true, 4007), 0));
    }

    [Fact]
    public async Task A_full_queue_answers_the_oldest_waiting_interaction_busy_and_runs_the_rest()
    {
        var handler = new GatedHandler(interaction => InteractionResponse.Message($"done {interaction.Id}"));
        await using var harness = await GatewayHarness.StartAsync(handler: handler, configure: options =>
        {
            options.GatewayConcurrency = 1;
            options.GatewayQueueCapacity = 1;

            // The worker must stay on 901 until released, not be freed by a deferral.
            options.DeferAfter = TimeSpan.FromMinutes(5);
        });
        var connection = await harness.ConnectReadyAsync();

        await connection.SendInteractionAsync(GatewayHarness.Interaction("901", "itok-901"));
        await handler.WaitEnteredAsync();
        await connection.SendInteractionAsync(GatewayHarness.Interaction("902", "itok-902"));
        await connection.SendInteractionAsync(GatewayHarness.Interaction("903", "itok-903"));

        var busy = await harness.CallbackAsync("902", "itok-902");
        Assert.Equal(4, busy.Json!["type"]!.GetValue<int>());
        Assert.Equal(64, busy.Json["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("busy", busy.Json["data"]!["content"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        handler.Release();
        Assert.Equal("done 901", (await harness.CallbackAsync("901", "itok-901")).Json!["data"]!["content"]!.GetValue<string>());
        Assert.Equal("done 903", (await harness.CallbackAsync("903", "itok-903")).Json!["data"]!["content"]!.GetValue<string>());
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task A_repeated_interaction_event_runs_the_handler_once()
    {
        var handler = new GatedHandler(interaction => InteractionResponse.Message($"done {interaction.Id}"));
        handler.Release();
        await using var harness = await GatewayHarness.StartAsync(handler: handler);
        var connection = await harness.ConnectReadyAsync();

        await connection.SendInteractionAsync(GatewayHarness.Interaction("951", "itok-951"));
        await harness.CallbackAsync("951", "itok-951");
        await connection.SendInteractionAsync(GatewayHarness.Interaction("951", "itok-951"));
        await harness.Rest.WaitForRequestAsync(request => request.Is("POST", "/interactions/951/itok-951/callback") && request.Body.Contains("already", StringComparison.Ordinal));

        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task An_interaction_in_flight_at_stop_is_answered_before_the_socket_closes_with_1000()
    {
        var handler = new GatedHandler(_ => InteractionResponse.Message("answered during shutdown"));
        await using var harness = await GatewayHarness.StartAsync(handler: handler, configure: options => options.DeferAfter = TimeSpan.Zero);
        var connection = await harness.ConnectReadyAsync();
        await connection.SendInteractionAsync(GatewayHarness.Interaction("971", "itok-971"));
        await handler.WaitEnteredAsync();
        Assert.Equal(5, (await harness.CallbackAsync("971", "itok-971")).Json!["type"]!.GetValue<int>());

        var stopping = harness.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        Assert.False(connection.Closed.IsCompleted);

        handler.Release();
        var edit = await harness.Rest.WaitForRequestAsync("PATCH", "/webhooks/77/itok-971/messages/@original");
        await stopping.WaitAsync(Wait);

        Assert.Equal("answered during shutdown", edit.Json!["content"]!.GetValue<string>());
        Assert.Equal(1000, await connection.Closed.WaitAsync(Wait));
        Assert.Equal(GatewayConnectionState.Stopped, harness.Client.Status.State);
    }
}

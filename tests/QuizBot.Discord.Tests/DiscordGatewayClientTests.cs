using System.Diagnostics;
using System.Text.Json.Nodes;
using QuizBot.Discord.Gateway;
using QuizBot.Discord.Testing;

namespace QuizBot.Discord.Tests;

public class DiscordGatewayClientTests
{
    private const int Identify = 2;
    private const int Heartbeat = 1;
    private const int Resume = 6;

    // Upper bound for things that happen at once when the client works; only reached when it does not.
    private static readonly TimeSpan Wait = GatewaySimulator.DefaultTimeout;

    [Fact]
    public async Task Identifies_after_hello_then_answers_an_interaction_through_the_callback()
    {
        await using var harness = await GatewayHarness.StartAsync(lookUpGateway: true);

        var connection = await harness.Gateway.NextConnectionAsync();
        Assert.Equal("?v=10&encoding=json", connection.Query);
        await connection.SendHelloAsync(30_000);
        var identify = (await connection.ReceiveAsync(Identify))["d"]!;
        Assert.Equal(GatewayHarness.BotToken, identify["token"]!.GetValue<string>());
        Assert.Equal(0, identify["intents"]!.GetValue<int>());
        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.NotNull(identify["properties"]!["os"]);

        await connection.SendReadyAsync("session-1");
        await connection.SendInteractionAsync(GatewayHarness.Interaction("501", "itok-501"));

        var callback = await harness.CallbackAsync("501", "itok-501");
        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
        Assert.Equal("echo 501", callback.Json["data"]!["content"]!.GetValue<string>());
        Assert.Null(callback.Header("Authorization"));
        Assert.True(harness.Rest.Requests[0].Is("GET", "/gateway/bot"));
        Assert.Equal("session-1", harness.Client.SessionId);
    }

    [Fact]
    public async Task Ready_supplies_the_application_id_when_none_is_configured()
    {
        await using var harness = await GatewayHarness.StartAsync(applicationId: 0);
        var connection = await harness.Gateway.NextConnectionAsync();
        await connection.SendHelloAsync(30_000);
        await connection.ReceiveAsync(Identify);
        await connection.SendReadyAsync("session-1", applicationId: "777000111");
        await connection.SendInteractionAsync(GatewayHarness.Interaction("801", "itok-801"));
        await harness.CallbackAsync("801", "itok-801");

        Assert.Equal(777000111UL, harness.Application.Id);
        Assert.Equal(0UL, harness.Options.ApplicationId);
    }

    [Fact]
    public async Task Unreadable_frames_are_skipped_and_the_session_goes_on()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.ConnectReadyAsync();

        await connection.SendAsync(new JsonObject { ["d"] = "no op at all" });
        await connection.SendAsync(new JsonObject { ["op"] = "zero", ["d"] = null });
        await connection.SendAsync(new JsonArray(1, 2, 3));
        await connection.SendDispatchAsync("INTERACTION_CREATE", new JsonObject { ["id"] = new JsonArray(), ["type"] = "not a number" });
        await connection.SendInteractionAsync(GatewayHarness.Interaction("701", "itok-701"));

        var callback = await harness.CallbackAsync("701", "itok-701");
        Assert.Equal("echo 701", callback.Json!["data"]!["content"]!.GetValue<string>());
        Assert.Single(harness.Gateway.Connections);
        Assert.False(harness.Client.ExecuteTask!.IsCompleted);
        Assert.Contains(harness.Log.Lines, line => line.Contains("cannot read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Heartbeats_carry_the_last_sequence_and_op_1_gets_an_immediate_beat()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.ConnectReadyAsync();
        var sequence = await connection.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });

        await connection.SendHeartbeatRequestAsync();

        await WaitForHeartbeatAsync(connection, sequence);
    }

    [Fact]
    public async Task Beats_regularly_at_the_hello_interval()
    {
        // A whole second between beats: each ACK must be handled before the next beat or the client rightly calls
        // the connection a zombie, and a loaded machine can hold a thread up for a good part of 100 ms.
        const int intervalMs = 1000;
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.ConnectReadyAsync(heartbeatMs: intervalMs);

        await connection.ReceiveAsync(Heartbeat);
        var clock = Stopwatch.StartNew();
        JsonObject last = null!;
        for (var beat = 0; beat < 4; beat++)
        {
            last = await connection.ReceiveAsync(Heartbeat);
        }

        // Four intervals; one interval of slack below absorbs a late first beat, three times the span above absorbs
        // late timers, and both still catch a client beating at a different interval than the hello's.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(3 * intervalMs), TimeSpan.FromMilliseconds(12 * intervalMs));

        // The first beat may go out before READY is handled (and rightly carries null); seconds later it is READY's.
        Assert.Equal(harness.Gateway.Sequence, last["d"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_dropped_socket_is_resumed_on_the_resume_url_with_events_replayed_and_the_sequence_continued()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ConnectReadyAsync();
        var seen = await first.SendInteractionAsync(GatewayHarness.Interaction("601", "itok-601"));
        await harness.CallbackAsync("601", "itok-601");

        first.Drop();

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal("/resume", second.Path);
        Assert.Equal("?v=10&encoding=json", second.Query);
        await second.SendHelloAsync(30_000);
        var resume = (await second.ReceiveAsync(Resume))["d"]!;
        Assert.Equal("session-1", resume["session_id"]!.GetValue<string>());
        Assert.Equal(seen, resume["seq"]!.GetValue<int>());
        Assert.Equal(GatewayHarness.BotToken, resume["token"]!.GetValue<string>());

        // Replay what the client missed, then RESUMED; the sequence carries on from there.
        await second.SendInteractionAsync(GatewayHarness.Interaction("602", "itok-602"));
        var resumed = await second.SendResumedAsync();
        await harness.CallbackAsync("602", "itok-602");
        await second.SendHeartbeatRequestAsync();
        await WaitForHeartbeatAsync(second, resumed);
        Assert.DoesNotContain(second.Received, payload => payload["op"]!.GetValue<int>() == Identify);
    }

    [Fact]
    public async Task A_zombie_connection_is_closed_with_a_non_1000_code_and_resumed_within_two_intervals()
    {
        // Long enough that READY is surely handled before the zombie check (one interval after the first beat), and
        // that two intervals leave a loaded machine room for the close handshake and the new connection.
        const int intervalMs = 1500;
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.Gateway.NextConnectionAsync();
        first.AcknowledgeHeartbeats = false;
        await first.SendHelloAsync(intervalMs);
        await first.ReceiveAsync(Identify);
        await first.SendReadyAsync("session-z");

        await first.ReceiveAsync(Heartbeat);
        var sinceFirstBeat = Stopwatch.StartNew();
        var second = await harness.Gateway.NextConnectionAsync();
        var elapsed = sinceFirstBeat.Elapsed;

        Assert.True(elapsed < TimeSpan.FromMilliseconds(2 * intervalMs), $"Reconnected after {elapsed.TotalMilliseconds} ms.");
        var closeCode = await first.Closed.WaitAsync(Wait);
        Assert.NotNull(closeCode);
        Assert.NotEqual(1000, closeCode);
        Assert.NotEqual(1001, closeCode);
        await second.SendHelloAsync(30_000);
        Assert.Equal("session-z", (await second.ReceiveAsync(Resume))["d"]!["session_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Op_7_reconnect_resumes()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ConnectReadyAsync();

        await first.SendReconnectAsync();

        var second = await harness.Gateway.NextConnectionAsync();
        await second.SendHelloAsync(30_000);
        Assert.Equal("session-1", (await second.ReceiveAsync(Resume))["d"]!["session_id"]!.GetValue<string>());
        Assert.NotEqual(1000, await first.Closed.WaitAsync(Wait));
    }

    [Fact]
    public async Task Op_9_true_resumes()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ConnectReadyAsync();

        await first.SendInvalidSessionAsync(resumable: true);

        var second = await harness.Gateway.NextConnectionAsync();
        await second.SendHelloAsync(30_000);
        await second.ReceiveAsync(Resume);
    }

    [Fact]
    public async Task Op_9_false_identifies_afresh_on_the_original_url()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ConnectReadyAsync();

        await first.SendInvalidSessionAsync(resumable: false);

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal("/", second.Path);
        await second.SendHelloAsync(30_000);
        var identify = await second.ReceiveAsync(Identify);
        Assert.Equal(GatewayHarness.BotToken, identify["d"]!["token"]!.GetValue<string>());
        Assert.DoesNotContain(second.Received, payload => payload["op"]!.GetValue<int>() == Resume);
    }

    [Theory]
    [InlineData(4000, Resume)]
    [InlineData(4008, Resume)]
    [InlineData(4007, Identify)]
    [InlineData(4009, Identify)]
    public async Task Close_codes_decide_between_resume_and_identify(int closeCode, int expectedOp)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ConnectReadyAsync();

        await first.CloseAsync(closeCode);

        var second = await harness.Gateway.NextConnectionAsync();
        await second.SendHelloAsync(30_000);
        await second.ReceiveAsync(expectedOp);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Fatal_close_codes_stop_the_client_with_one_clear_error_and_no_reconnect(int closeCode)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.Gateway.NextConnectionAsync();
        await connection.SendHelloAsync(30_000);
        await connection.ReceiveAsync(Identify);

        await connection.CloseAsync(closeCode, "refused");

        var error = await Assert.ThrowsAsync<DiscordGatewayException>(() => harness.Client.ExecuteTask!.WaitAsync(Wait));
        Assert.Equal(closeCode, error.CloseCode);
        Assert.Contains(closeCode.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.True(await harness.Gateway.StaysQuietAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Single(harness.Gateway.Connections);
    }

    [Fact]
    public async Task Close_4004_says_the_token_is_wrong_without_showing_it()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var connection = await harness.Gateway.NextConnectionAsync();
        await connection.SendHelloAsync(30_000);
        await connection.ReceiveAsync(Identify);

        await connection.CloseAsync(4004, "Authentication failed.");

        var error = await Assert.ThrowsAsync<DiscordGatewayException>(() => harness.Client.ExecuteTask!.WaitAsync(Wait));
        Assert.Contains("token", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GatewayHarness.BotToken, error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Log.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exhausted_session_start_limit_is_waited_out_before_identifying()
    {
        await using var harness = await GatewayHarness.StartAsync(
            lookUpGateway: true,
            arrangeRest: rest =>
            {
                rest.SessionStartRemaining = 0;
                rest.SessionStartResetAfterMs = 400;
            });

        var lookup = await harness.Rest.WaitForRequestAsync("GET", "/gateway/bot");
        await harness.Gateway.NextConnectionAsync();

        Assert.True(DateTimeOffset.UtcNow - lookup.ReceivedAt >= TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task The_token_never_appears_in_the_logs()
    {
        // Identify, heartbeat, a dropped socket, resume and a fatal close: every path that logs or carries the token.
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ConnectReadyAsync();

        // Drop only once the client has handled READY (a regular beat can go out before it has, and a drop then
        // rightly ends in a fresh identify rather than the resume this test walks through).
        var second = await harness.DropAndAwaitResumeAsync(first);
        await second.CloseAsync(4004);
        await Assert.ThrowsAsync<DiscordGatewayException>(() => harness.Client.ExecuteTask!.WaitAsync(Wait));

        Assert.NotEmpty(harness.Log.Lines);
        Assert.DoesNotContain(harness.Log.Lines, line => line.Contains(GatewayHarness.BotToken, StringComparison.Ordinal));
    }

    private static async Task WaitForHeartbeatAsync(GatewayConnection connection, int expectedSequence)
    {
        while (true)
        {
            var beat = await connection.ReceiveAsync(Heartbeat);
            if (beat["d"] is { } d && d.GetValue<int>() == expectedSequence)
            {
                return;
            }
        }
    }
}

public class DiscordGatewayClientRecoveryTests
{
    [Fact]
    public async Task An_unreachable_resume_url_falls_back_to_identifying_on_the_original_url()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.Gateway.NextConnectionAsync();
        await first.SendHelloAsync(30_000);
        await first.ReceiveAsync(2);
        await first.SendReadyAsync("session-1", resumeGatewayUrl: new Uri("ws://127.0.0.1:9/"));

        // Only a client that has handled READY holds a session to resume; without one it would identify anyway.
        await harness.WaitUntilClientCaughtUpAsync(first);
        Assert.Equal("session-1", harness.Client.SessionId);
        first.Drop();

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal("/", second.Path);
        await second.SendHelloAsync(30_000);
        await second.ReceiveAsync(2);
    }

    [Fact]
    public async Task A_session_that_was_up_when_its_socket_broke_is_resumed_at_once_every_time()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ConnectReadyAsync();
        var second = await harness.DropAndAwaitResumeAsync(first);
        await second.SendResumedAsync();
        await harness.WaitUntilClientCaughtUpAsync(second);
        second.Drop();

        // Two broken sockets in a row, but each carried a working session: neither counts as a failed attempt.
        var third = await harness.Gateway.NextConnectionAsync();
        Assert.Equal("/resume", third.Path);
        await third.SendHelloAsync(30_000);
        Assert.Equal("session-1", (await third.ReceiveAsync(6))["d"]!["session_id"]!.GetValue<string>());
        Assert.DoesNotContain(harness.Log.Lines, line => line.Contains("failed 2 times", StringComparison.Ordinal));
        Assert.Equal(2, harness.Log.Lines.Count(line => line.Contains("Gateway connection failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Repeated_failures_back_off_before_reconnecting()
    {
        await using var harness = await GatewayHarness.StartAsync();

        // Each connection drops before the session is established: the first retry is immediate, the next waits.
        (await harness.Gateway.NextConnectionAsync()).Drop();
        var second = await harness.Gateway.NextConnectionAsync();

        // The clock starts before the drop, so the client cannot begin its wait before the clock does.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        second.Drop();
        await harness.Gateway.NextConnectionAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"Reconnected after only {clock.Elapsed.TotalMilliseconds} ms.");
    }

    [Theory]
    [InlineData(2, 0.5, 1.0)]
    [InlineData(3, 1.0, 2.0)]
    [InlineData(5, 4.0, 8.0)]
    [InlineData(50, 30.0, 60.0)]
    public void Backoff_grows_exponentially_with_jitter_and_a_cap(int failures, double minSeconds, double maxSeconds)
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.InRange(DiscordGatewayClient.BackoffDelay(failures).TotalSeconds, minSeconds, maxSeconds);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace QuizBot.Discord.Testing;

/// <summary>
/// A fake Discord REST API on 127.0.0.1 under /api/v10. It records every request, answers with scripted
/// responses when the test queued some for that route, and otherwise answers like Discord would for the
/// calls a bot makes (204 for callbacks and deletes, echoed messages with fresh ids, GET /gateway/bot
/// pointing at <see cref="GatewayUrl"/>, 404 for anything else). A channel message sent with a nonce and
/// <c>enforce_nonce: true</c> is created once per author and nonce within <see cref="NonceWindow"/>: a repeat gets the
/// first message back, as Discord documents. A test can hold requests (<see cref="Hold"/>) to stall a caller mid-call.
/// </summary>
public sealed class FakeDiscordRestServer : IAsyncDisposable
{
    private const string ApiPrefix = "/api/v10";

    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<RecordedRequest, bool> Match, ScriptedResponse Response)> _scripted = [];
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly List<CreatedMessage> _created = [];
    private readonly Dictionary<(string Author, string Nonce), (string Json, DateTimeOffset At)> _nonces = [];
    private readonly List<HeldRequests> _holds = [];
    private WebApplication? _app;
    private long _nextId = 900_000_000_000_000_000;

    private FakeDiscordRestServer()
    {
    }

    /// <summary>http://127.0.0.1:{port}/api/v10 — what Discord:ApiBaseUrl should be.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What GET /gateway/bot names as the gateway URL (e.g. a <see cref="GatewaySimulator"/>'s Url).</summary>
    public Uri GatewayUrl { get; set; } = new("wss://gateway.invalid");

    /// <summary>session_start_limit.remaining reported by GET /gateway/bot.</summary>
    public int SessionStartRemaining { get; set; } = 1000;

    /// <summary>session_start_limit.reset_after (milliseconds) reported by GET /gateway/bot.</summary>
    public long SessionStartResetAfterMs { get; set; } = 3_600_000;

    /// <summary>session_start_limit.max_concurrency reported by GET /gateway/bot: identifies allowed per 5 s.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>The recommended shard count ("shards") reported by GET /gateway/bot.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>How long Discord remembers a nonce for <c>enforce_nonce</c> ("the past few minutes").</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock the nonce window is measured on.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every message created (channel messages and webhook follow-ups), in order: what the channel shows.</summary>
    public IReadOnlyList<CreatedMessage> CreatedMessages
    {
        get
        {
            lock (_created)
            {
                return [.. _created];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeDiscordRestServer> StartAsync()
    {
        var server = new FakeDiscordRestServer();
        var (app, address) = await LoopbackHost.StartAsync(app => app.Run(server.HandleAsync));
        server._app = app;
        server.BaseUrl = new Uri(address, ApiPrefix);
        return server;
    }

    /// <summary>Queues a one-time answer for the next request with this method and path (relative to the API base).</summary>
    public void Enqueue(string method, string path, ScriptedResponse response) =>
        Enqueue(request => request.Is(method, path), response);

    /// <summary>Queues a one-time answer for the next request matching <paramref name="match"/>.</summary>
    public void Enqueue(Func<RecordedRequest, bool> match, ScriptedResponse response)
    {
        lock (_scripted)
        {
            _scripted.Add((match, response));
        }
    }

    /// <summary>Waits for a request matching <paramref name="match"/> (including ones already received).</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? GatewaySimulator.DefaultTimeout);
        try
        {
            while (true)
            {
                var found = Requests.FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }

                await _arrivals.Reader.WaitToReadAsync(cancel.Token);
                _arrivals.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The expected request did not reach the fake REST server in time.");
        }
    }

    public Task<RecordedRequest> WaitForRequestAsync(string method, string path, TimeSpan? timeout = null) =>
        WaitForRequestAsync(request => request.Is(method, path), timeout);

    /// <summary>
    /// From now on, the next <paramref name="count"/> requests matching <paramref name="match"/> are recorded and then
    /// wait, before anything is created or answered, until the returned hold is released: a caller stalled in the
    /// middle of a Discord call. Later matches go through.
    /// </summary>
    public HeldRequests Hold(Func<RecordedRequest, bool> match, int count = int.MaxValue)
    {
        var hold = new HeldRequests(match, count);
        lock (_holds)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_holds)
        {
            foreach (var hold in _holds)
            {
                hold.Release();
            }
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        HeldRequests? hold;
        lock (_holds)
        {
            hold = _holds.FirstOrDefault(h => h.Takes(request));
        }

        if (hold is not null)
        {
            await hold.WaitAsync(request);
        }

        var response = TakeScripted(request) ?? DefaultAnswer(request);
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body);
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var body = Encoding.UTF8.GetString(raw);
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            path = path[ApiPrefix.Length..];
        }

        var headers = context.Request.Headers.ToDictionary(
            header => header.Key,
            header => header.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(context.Request.Method, path, context.Request.QueryString.Value ?? "", headers, body, DateTimeOffset.UtcNow) { RawBody = raw };
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        _arrivals.Writer.TryWrite(recorded);
        return recorded;
    }

    private ScriptedResponse? TakeScripted(RecordedRequest request)
    {
        lock (_scripted)
        {
            var index = _scripted.FindIndex(entry => entry.Match(request));
            if (index < 0)
            {
                return null;
            }

            var response = _scripted[index].Response;
            _scripted.RemoveAt(index);
            return response;
        }
    }

    private ScriptedResponse DefaultAnswer(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("GET", ["gateway", "bot"]) => ScriptedResponse.Json(200, GatewayBotBody()),
            ("POST", ["interactions", _, _, "callback"]) => ScriptedResponse.NoContent(),
            ("DELETE", _) => ScriptedResponse.NoContent(),
            ("POST", ["webhooks", _, _]) => ScriptedResponse.Json(200, Create(request, channelId: "0")),
            ("POST" or "PATCH" or "GET", ["webhooks", _, _, ..]) => ScriptedResponse.Json(200, EchoMessage(request, channelId: "0", messageId: null)),
            ("POST", ["channels", var channel, "messages"]) => ScriptedResponse.Json(200, CreateOnce(request, channel)),
            ("PATCH", ["channels", var channel, "messages", var message]) => ScriptedResponse.Json(200, EchoMessage(request, channel, message)),
            ("POST", ["users", "@me", "channels"]) => ScriptedResponse.Json(200, DmChannel(request)),
            ("PUT", ["applications", var app, "commands"]) => ScriptedResponse.Json(200, EchoCommands(request, app, guildId: null)),
            ("PUT", ["applications", var app, "guilds", var guild, "commands"]) => ScriptedResponse.Json(200, EchoCommands(request, app, guild)),
            _ => ScriptedResponse.Error(404, 0, "404: Not Found"),
        };
    }

    private string NewId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private string GatewayBotBody() =>
        new JsonObject
        {
            ["url"] = GatewayUrl.ToString(),
            ["shards"] = RecommendedShards,
            ["session_start_limit"] = new JsonObject
            {
                ["total"] = 1000,
                ["remaining"] = SessionStartRemaining,
                ["reset_after"] = SessionStartResetAfterMs,
                ["max_concurrency"] = MaxConcurrency,
            },
        }.ToJsonString();

    private string EchoMessage(RecordedRequest request, string channelId, string? messageId)
    {
        var message = request.JsonPayload as JsonObject ?? [];
        message["id"] = messageId ?? (request.Path.EndsWith("/@original", StringComparison.Ordinal) ? "1" : NewId());
        message["channel_id"] = channelId;
        message["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        return message.ToJsonString();
    }

    /// <summary>A new message, recorded as created.</summary>
    private string Create(RecordedRequest request, string channelId)
    {
        var json = EchoMessage(request, channelId, null);
        lock (_created)
        {
            _created.Add(new CreatedMessage(request.Path, JsonNode.Parse(json)!["id"]!.GetValue<string>(), request));
        }

        return json;
    }

    /// <summary>Create Message: with a nonce and enforce_nonce, the same author's message with that nonce from the window is returned instead.</summary>
    private string CreateOnce(RecordedRequest request, string channelId)
    {
        var body = request.Json;
        var nonce = body?["nonce"]?.ToJsonString();
        var enforced = body?["enforce_nonce"] is JsonValue flag && flag.TryGetValue<bool>(out var value) && value;
        if (nonce is null || !enforced)
        {
            return Create(request, channelId);
        }

        var key = (request.Header("Authorization") ?? "", nonce);
        lock (_nonces)
        {
            var now = Clock.GetUtcNow();
            if (_nonces.TryGetValue(key, out var earlier) && now - earlier.At < NonceWindow)
            {
                return earlier.Json;
            }

            var json = Create(request, channelId);
            _nonces[key] = (json, now);
            return json;
        }
    }

    private string DmChannel(RecordedRequest request)
    {
        var recipient = request.Json?["recipient_id"]?.GetValue<string>() ?? "0";
        return new JsonObject
        {
            ["id"] = NewId(),
            ["type"] = 1,
            ["recipients"] = new JsonArray(new JsonObject { ["id"] = recipient, ["username"] = "user" + recipient }),
        }.ToJsonString();
    }

    private string EchoCommands(RecordedRequest request, string applicationId, string? guildId)
    {
        var commands = request.Json as JsonArray ?? [];
        foreach (var command in commands.OfType<JsonObject>())
        {
            command["id"] = NewId();
            command["application_id"] = applicationId;
            command["version"] = NewId();
            if (guildId is not null)
            {
                command["guild_id"] = guildId;
            }
        }

        return commands.ToJsonString();
    }
}

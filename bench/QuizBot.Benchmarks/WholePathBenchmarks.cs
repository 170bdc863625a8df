using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using QuizBot.Discord;
using QuizBot.Discord.Models;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
using QuizBot.Interactions;
using QuizBot.Views;

namespace QuizBot.Benchmarks;

/// <summary>
/// The whole path: real Ed25519-signed requests to the real bot (built by <see cref="BotHost.Prepare"/> as
/// `quizbot run` builds it, HTTP mode, Kestrel on a loopback port, a fresh SQLite file, the host's own logging),
/// one request at a time. <see cref="Ping"/> is Discord's PING; <see cref="AnsweredQuestion"/> is one question of a
/// 10-question /quiz as a member plays it: the /quiz command (a tenth of it), the answer (a choice button, or "Type
/// answer" and the modal submit) whose reply shows the next question, and on the last question the summary with the
/// member's rank.
/// </summary>
[MemoryDiagnoser]
public class WholePathBenchmarks
{
    private const int QuizLength = 10;
    private const ulong ApplicationId = 4242;
    private WebApplication app = null!;
    private HttpClient http = null!;
    private InteractionSigner signer = null!;
    private Uri url = null!;
    private string folder = "";
    private long nextId = 1_400_000_000_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        signer = InteractionSigner.Create();
        folder = Directory.CreateTempSubdirectory("quizbot-bench-path-").FullName;

        // The console log goes to stderr, and stderr nowhere: the hot path still formats and queues each line.
        Console.SetError(TextWriter.Null);
        var settings = new Dictionary<string, string?>
        {
            [BotSettings.ModeKey] = "http",
            [BotSettings.ApplicationIdKey] = ApplicationId.ToString(CultureInfo.InvariantCulture),
            [BotSettings.PublicKeyKey] = signer.PublicKeyHex,
            [BotSettings.HttpUrlsKey] = "http://127.0.0.1:0",
            [BotSettings.StoragePathKey] = Path.Combine(folder, "bot.db"),
            [BotSettings.ContentPathKey] = BenchPaths.Content,
            ["Discord:ApiBaseUrl"] = $"http://127.0.0.1:{ClosedLoopbackPort()}/api/v10",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        };
        var start = BotHost.Prepare([], settings);
        app = start.App ?? throw new InvalidOperationException(start.Error);
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        url = new Uri(new Uri(address), "/interactions");
        http = new HttpClient();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        http.Dispose();
        app.StopAsync().GetAwaiter().GetResult();
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        signer.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Description = "whole path: PING")]
    public Task<InteractionResponse> Ping() => SendAsync(Base(InteractionType.Ping, user: null));

    [Benchmark(Description = "whole path: answered question", OperationsPerInvoke = QuizLength)]
    public async Task<int> AnsweredQuestion()
    {
        var user = (ulong)Random.Shared.NextInt64(1, 50);
        var screen = await SendAsync(Base(InteractionType.ApplicationCommand, user) with
        {
            Data = new InteractionData
            {
                Id = 77,
                Name = "quiz",
                Type = ApplicationCommandType.ChatInput,
                Options = [new InteractionDataOption { Name = "length", Type = ApplicationCommandOptionType.Integer, Value = JsonSerializer.SerializeToElement(QuizLength) }],
            },
        });
        if (Find(screen, QuizIds.Resume) is { } resume)
        {
            // A quiz left open by an earlier run for this member: finish it first.
            screen = await SendAsync(Click(user, resume));
        }

        var answered = 0;
        while (true)
        {
            if (Find(screen, QuizIds.Answer) is { } choice)
            {
                screen = await SendAsync(Click(user, choice));
            }
            else if (Find(screen, QuizIds.TypeAnswer) is { } type)
            {
                var modal = await SendAsync(Click(user, type));
                screen = await SendAsync(Submit(user, modal.Data?.CustomId ?? throw Unexpected(modal), QuizIds.AnswerInput, "1992"));
            }
            else
            {
                throw Unexpected(screen);
            }

            answered++;
            // The reply to an answer shows the next question below the reveal; after the last one, the summary.
            if (Find(screen, QuizIds.Answer) is null && Find(screen, QuizIds.TypeAnswer) is null)
            {
                return answered;
            }
        }
    }

    private async Task<InteractionResponse> SendAsync(Interaction interaction)
    {
        var json = JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
        using var request = signer.CreateRequest(url, json);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode} for {interaction.Type}");
        }

        var reply = await response.Content.ReadFromJsonAsync(DiscordJsonContext.Default.InteractionResponse);
        return reply ?? throw new InvalidOperationException("An empty reply.");
    }

    private static string? Find(InteractionResponse response, string action) =>
        Buttons(response.Data?.Components).FirstOrDefault(id => CustomId.TryParse(id, out var parsed) && parsed.Action == action);

    private static IEnumerable<string> Buttons(IReadOnlyList<Component>? components) =>
        components is null
            ? []
            : components.SelectMany(c => (c.CustomId is { } id ? [id] : Array.Empty<string>()).Concat(Buttons(c.Components)));

    private static InvalidOperationException Unexpected(InteractionResponse response) =>
        new($"Unexpected reply: type {response.Type}, {JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse)}");

    private Interaction Click(ulong user, string customId) =>
        Base(InteractionType.MessageComponent, user) with
        {
            Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
            Message = new Message { Id = 5555, ChannelId = 333 },
        };

    private Interaction Submit(ulong user, string modalId, string inputId, string value) =>
        Base(InteractionType.ModalSubmit, user) with
        {
            Data = new InteractionData
            {
                CustomId = modalId,
                Components = [new Component { Type = ComponentType.Label, Child = new Component { Type = ComponentType.TextInput, CustomId = inputId, Value = value } }],
            },
            Message = new Message { Id = 5555, ChannelId = 333 },
        };

    private Interaction Base(InteractionType type, ulong? user)
    {
        var id = (ulong)Interlocked.Increment(ref nextId);
        var member = user is { } u ? new GuildMember { User = new User { Id = ButtonPress.User + u, Username = $"member{u}", GlobalName = $"Member {u}" } } : null;
        return new Interaction
        {
            Id = id,
            ApplicationId = ApplicationId,
            Type = type,
            GuildId = user is null ? null : ButtonPress.Guild,
            ChannelId = 333,
            Member = member,
            Token = $"bench-token-{id}",
        };
    }

    // Bound and released at once: nothing listens there, so a stray REST call fails fast and stays on this machine.
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

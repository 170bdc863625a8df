using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;

namespace QuizBot.Tests.Hosting;

public sealed class SocketSchedulingTests
{
    [Fact]
    public async Task Kestrel_serves_a_connection_on_the_thread_its_socket_completed_on()
    {
        var folder = Directory.CreateTempSubdirectory("quizbot-sockets-").FullName;
        using var signer = InteractionSigner.Create();
        var start = BotHost.Prepare([], new Dictionary<string, string?>
        {
            ["Discord:Mode"] = "http",
            ["Discord:ApplicationId"] = "4242",
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Http:Urls"] = "http://127.0.0.1:0",
            ["Content:Path"] = RepositoryPaths.Content,
            ["Storage:Path"] = Path.Combine(folder, "bot.db"),
        });
        Assert.True(start.App is not null, start.Error);
        await using var app = start.App;

        var sockets = app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        // No hop to Kestrel's I/O queues on the way in or out (the open loop's thread wake-ups); the sockets' own
        // completions still reach the pool, so no handler runs on the epoll thread.
        Assert.True(sockets.UnsafePreferInlineScheduling);
        Directory.Delete(folder, recursive: true);
    }
}

using Microsoft.Extensions.Configuration;
using QuizBot.Discord.Testing;
using QuizBot.Hosting;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Hosting;

public sealed class ConfigurationWatchTests
{
    [Fact]
    public async Task The_host_reads_its_files_once_and_watches_no_folder()
    {
        var folder = Directory.CreateTempSubdirectory("quizbot-watch-").FullName;
        var signer = InteractionSigner.Create();
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

        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();

        // appsettings.json and appsettings.{Environment}.json are still read, but none of them is watched.
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched for changes"));
        Directory.Delete(folder, recursive: true);
    }
}

using System.CommandLine;
using QuizBot.Core.Decks;
using QuizBot.Core.Players;
using QuizBot.Hosting;
using QuizBot.Sqlite;

namespace QuizBot.Cli;

/// <summary>
/// The options the terminal verbs (play, review, study) share, and what they resolve to: the local player
/// (PlayerKey("local", name)), the deck and the same SQLite database the bot uses.
/// </summary>
internal sealed class LocalPlayOptions
{
    public const int MaxUserNameLength = 100;

    public Option<string?> User { get; } = new("--user") { Description = "Your local profile name (default: your OS user name)." };

    public Option<string?> Database { get; } = new("--db") { Description = "The SQLite file (default: configuration Storage:Path, else data/quizbot.db)." };

    public Option<DirectoryInfo?> Content { get; } = new("--content") { Description = "The content folder (default: ./content, else content/ next to the binary)." };

    public Option<string?> DeckId { get; } = new("--deck") { Description = "The deck id (default: the first deck)." };

    public void AddTo(Command command)
    {
        command.Options.Add(User);
        command.Options.Add(Database);
        command.Options.Add(Content);
        command.Options.Add(DeckId);
    }

    /// <summary>Resolves the player, deck and store, or writes one clear line to <paramref name="error"/> and returns null.</summary>
    public LocalPlaySetup? Resolve(ParseResult parse, TextWriter error)
    {
        var name = (parse.GetValue(User) ?? Environment.UserName).Trim();
        if (name.Length is 0 or > MaxUserNameLength)
        {
            error.WriteLine($"--user must be 1 to {MaxUserNameLength} characters.");
            return null;
        }

        var contentDir = parse.GetValue(Content)?.FullName ?? ContentFolder.Resolve();
        var loaded = DeckLoader.LoadAll(contentDir);
        if (!loaded.IsValid)
        {
            error.WriteLine($"The decks in {contentDir} have {loaded.Problems.Count} problem(s); run `{CommandName.Current} content check` to see them.");
            return null;
        }

        var deckId = parse.GetValue(DeckId);
        var deck = deckId is null
            ? loaded.Decks.OrderBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault()
            : loaded.Decks.FirstOrDefault(d => d.Id == deckId);
        if (deck is null)
        {
            error.WriteLine(deckId is null
                ? $"No deck found in {contentDir}."
                : $"No deck \"{deckId}\" in {contentDir}. Decks: {string.Join(", ", loaded.Decks.Select(d => d.Id))}.");
            return null;
        }

        var path = parse.GetValue(Database) ?? ConfiguredStoragePath();
        try
        {
            var store = SqliteStore.Open(path);
            return new LocalPlaySetup(new PlayerKey(PlayerKey.LocalScope, name), deck, store);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"Cannot open the database {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>Storage:Path from the same configuration sources the bot reads (appsettings.json, user secrets, environment).</summary>
    private static string ConfiguredStoragePath()
    {
        var path = CliConfiguration.Build()[BotSettings.StoragePathKey];
        return string.IsNullOrWhiteSpace(path) ? SqliteStoreOptions.DefaultPath : path;
    }
}

/// <summary>What a terminal verb plays with. Disposing closes the database.</summary>
internal sealed record LocalPlaySetup(PlayerKey Player, Deck Deck, SqliteStore Store) : IDisposable
{
    public void Dispose() => Store.Dispose();
}

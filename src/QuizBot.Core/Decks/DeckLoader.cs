namespace QuizBot.Core.Decks;

/// <summary>
/// Loads decks from content folders (one subfolder per deck: deck.yaml, the article, facts/*.yaml) and
/// validates them. Never throws on bad content: every fault becomes a <see cref="DeckProblem"/>.
/// </summary>
public static class DeckLoader
{
    public const string ManifestFileName = "deck.yaml";
    public const string FactsFolderName = "facts";

    /// <summary>Loads every subfolder of <paramref name="contentDir"/> that holds a deck.yaml, in ordinal order.</summary>
    public static DeckLoadResult LoadAll(string contentDir, DeckCheckOptions? options = null)
    {
        var root = Path.GetFullPath(contentDir);
        if (!Directory.Exists(root))
        {
            return new DeckLoadResult([], [new DeckProblem(contentDir, 0, "the content folder does not exist")]);
        }

        var folders = Directory.GetDirectories(root)
            .Where(dir => File.Exists(Path.Combine(dir, ManifestFileName)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (folders.Count == 0)
        {
            return new DeckLoadResult([], [new DeckProblem(contentDir, 0, "no decks here: a deck is a subfolder holding a deck.yaml")]);
        }

        var problems = new List<DeckProblem>();
        var drafts = folders.Select(dir => Read(root, dir, problems)).OfType<DeckDraft>().ToList();
        DeckValidator.ValidateAcrossDecks(drafts, problems);
        return new DeckLoadResult(drafts.Select(DeckBuilder.Build).ToList(), InFileOrder(problems))
        {
            WarningsWhenRead = () => Warn(drafts, options),
            Root = root,
        };
    }

    /// <summary>Loads the one deck in <paramref name="deckDir"/>; problems name files relative to its parent folder.</summary>
    public static DeckLoadResult LoadDeck(string deckDir, DeckCheckOptions? options = null)
    {
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(deckDir));
        var root = Path.GetDirectoryName(dir) ?? dir;
        var problems = new List<DeckProblem>();
        var draft = Read(root, dir, problems);
        return new DeckLoadResult(draft is null ? [] : [DeckBuilder.Build(draft)], InFileOrder(problems))
        {
            WarningsWhenRead = () => draft is null ? [] : Warn([draft], options),
            Root = root,
        };
    }

    private static List<DeckProblem> Warn(IEnumerable<DeckDraft> drafts, DeckCheckOptions? options)
    {
        var warnings = new List<DeckProblem>();
        foreach (var draft in drafts)
        {
            DeckWarnings.Check(draft, options ?? DeckCheckOptions.Default, warnings);
        }

        return InFileOrder(warnings);
    }

    private static DeckDraft? Read(string root, string dir, List<DeckProblem> problems)
    {
        var folder = Relative(root, dir);
        var manifestPath = Path.Combine(dir, ManifestFileName);
        var manifestFile = $"{folder}/{ManifestFileName}";
        if (!File.Exists(manifestPath))
        {
            problems.Add(new DeckProblem(manifestFile, 0, "deck.yaml not found: a deck folder needs one"));
            return null;
        }

        var deckProblems = new List<DeckProblem>();
        var reader = new DeckFileReader(deckProblems);
        var manifest = reader.ReadManifest(manifestPath, manifestFile);
        if (manifest is null)
        {
            problems.AddRange(deckProblems);
            return null;
        }

        var articleText = ReadArticle(dir, manifestFile, manifest.Article, deckProblems);
        var facts = new List<FactDraft>();
        var allFactFilesRead = true;
        var factsDir = Path.Combine(dir, FactsFolderName);
        if (Directory.Exists(factsDir))
        {
            // Files load in ordinal order of their names, so 01-..., 02-... read as the author numbered them.
            foreach (var path in Directory.GetFiles(factsDir, "*.yaml").Order(StringComparer.Ordinal))
            {
                var read = reader.ReadFactFile(path, Relative(root, path));
                facts.AddRange(read ?? []);
                allFactFilesRead &= read is not null;
            }
        }

        var draft = new DeckDraft(folder, manifest, articleText, facts, allFactFilesRead);
        DeckValidator.Validate(draft, deckProblems);
        problems.AddRange(deckProblems);
        return draft;
    }

    private static string? ReadArticle(string dir, string manifestFile, ArticleDraft? article, List<DeckProblem> problems)
    {
        if (article?.File is not { } file)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(dir, file.Value));
        if (!path.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problems.Add(new DeckProblem(manifestFile, file.Line, $"article file '{file.Value}' must be inside the deck folder"));
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add(new DeckProblem(manifestFile, file.Line, $"article file '{file.Value}' not found in the deck folder"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new DeckProblem(manifestFile, file.Line, $"article file '{file.Value}' cannot be read: {e.Message}"));
        }

        return null;
    }

    // Authors fix problems file by file, top to bottom.
    private static List<DeckProblem> InFileOrder(List<DeckProblem> problems) =>
        problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}

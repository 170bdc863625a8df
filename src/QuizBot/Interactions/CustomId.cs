using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QuizBot.Interactions;

/// <summary>
/// The one grammar for every custom_id the bot writes (buttons and modals):
/// <c>&lt;area&gt;&lt;version&gt;:&lt;key&gt;:&lt;action&gt;[:arg]...</c>, for example <c>q1:k3f9x2:a:2:1</c>
/// (quiz area, session k3f9x2, answer question 2 with choice 1). The key names what the component belongs to
/// (a quiz session, a user); the args say which step. A custom_id never holds an answer, only positions.
/// </summary>
public sealed record CustomId
{
    public const int MaxLength = 100;
    public const char Separator = ':';

    /// <summary>Bumped when the grammar changes, so buttons on old messages read as stale instead of being misread.</summary>
    public const int Version = 1;

    // The written form, built once: every button's id is written, and compared, as text.
    private readonly string text;

    private CustomId(string area, string key, string action, IReadOnlyList<string> args, string? text = null)
    {
        Area = area;
        Key = key;
        Action = action;
        Args = args;
        this.text = text ?? Write(area, key, action, args);
    }

    /// <summary>One letter naming the module: see <see cref="CustomIdAreas"/>.</summary>
    public string Area { get; }

    public string Key { get; }

    public string Action { get; }

    public IReadOnlyList<string> Args { get; }

    /// <summary>Builds a custom_id; throws when a part is empty or holds the separator, or the whole exceeds 100 characters.</summary>
    public static CustomId Create(string area, string key, string action, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parts = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            parts[i] = Convert.ToString(args[i], CultureInfo.InvariantCulture) ?? "";
        }

        foreach (var part in (string[])[area, key, action, .. parts])
        {
            if (part.Length == 0 || part.Contains(Separator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A custom_id part must be non-empty and free of '{Separator}': '{part}'.", nameof(args));
            }
        }

        var id = new CustomId(area, key, action, parts);
        if (id.text.Length > MaxLength)
        {
            throw new ArgumentException($"A custom_id holds at most {MaxLength} characters.", nameof(key));
        }

        return id;
    }

    /// <summary>Reads a custom_id; false for anything not written by this version of the grammar.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CustomId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        var parts = text.Split(Separator);
        if (parts.Length < 3 || parts.Any(part => part.Length == 0))
        {
            return false;
        }

        var head = parts[0];
        var version = Version.ToString(CultureInfo.InvariantCulture);
        if (head.Length != 1 + version.Length || !head.EndsWith(version, StringComparison.Ordinal) || !char.IsAsciiLetterLower(head[0]))
        {
            return false;
        }

        id = new CustomId(head[..1], parts[1], parts[2], parts[3..], text);
        return true;
    }

    /// <summary>The arg at <paramref name="index"/> as a non-negative integer, or null when missing or not a number.</summary>
    public int? IntArg(int index) =>
        index < Args.Count && int.TryParse(Args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public string? StringArg(int index) => index < Args.Count ? Args[index] : null;

    public override string ToString() => text;

    public bool Equals(CustomId? other) => other is not null && string.Equals(text, other.text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(text);

    private static string Write(string area, string key, string action, IReadOnlyList<string> args)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{area}{Version}{Separator}{key}{Separator}{action}");
        return args.Count == 0 ? head : head + Separator + string.Join(Separator, args);
    }
}

/// <summary>The areas of the custom_id grammar, one per module that owns components.</summary>
public static class CustomIdAreas
{
    public const string Quiz = "q";
    public const string Study = "s";
    public const string Leaderboard = "l";
    public const string Admin = "a";
    public const string Trivia = "t";
}

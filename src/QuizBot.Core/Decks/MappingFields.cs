using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuizBot.Core.Decks;

/// <summary>
/// Typed access to the fields of one YAML mapping (a fact, a card, a question, ...). Every absent required
/// field, wrongly shaped value or unknown key becomes a problem at the line it concerns; callers get null.
/// </summary>
internal sealed class MappingFields
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly string _what;
    private readonly ICollection<DeckProblem> _problems;

    public MappingFields(YamlMappingNode node, string file, string what, ICollection<DeckProblem> problems)
    {
        _node = node;
        _file = file;
        _what = what;
        _problems = problems;
    }

    public int Line => YamlFileParser.LineOf(_node);

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or YAML null.</summary>
    public YamlNode? Value(string key)
    {
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode scalar && scalar.Value == key)
            {
                return IsNull(v) ? null : v;
            }
        }

        return null;
    }

    public void ReportUnknownKeys(IReadOnlyList<string> known)
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : key.ToString();
            if (known.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var closest = known.MinBy(k => EditDistance(k, name));
            Report(key, closest is not null && EditDistance(closest, name) <= 2
                ? $"unknown key '{name}' in {Article(_what)} {_what}; did you mean '{closest}'?"
                : $"unknown key '{name}' in {Article(_what)} {_what} (known keys: {string.Join(", ", known)})");
        }
    }

    public Located<string>? Text(string key, bool required)
    {
        var value = Value(key);
        if (value is null)
        {
            ReportMissing(key, required);
            return null;
        }

        if (value is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return new Located<string>(scalar.Value, YamlFileParser.LineOf(scalar));
        }

        if (value is YamlScalarNode)
        {
            ReportMissing(key, required);
            return null;
        }

        Report(value, $"'{key}' must be text");
        return null;
    }

    public Located<int>? Number(string key, bool required)
    {
        var value = Value(key);
        if (value is null)
        {
            ReportMissing(key, required);
            return null;
        }

        return ToNumber(value, $"'{key}'");
    }

    public Located<int>? ToNumber(YamlNode value, string what)
    {
        if (value is YamlScalarNode { Style: ScalarStyle.Plain } scalar
            && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return new Located<int>(number, YamlFileParser.LineOf(scalar));
        }

        Report(value, $"{what} must be a whole number");
        return null;
    }

    public YamlMappingNode? Mapping(string key, bool required)
    {
        var value = Value(key);
        if (value is null)
        {
            ReportMissing(key, required);
            return null;
        }

        if (value is YamlMappingNode mapping)
        {
            return mapping;
        }

        Report(value, $"'{key}' must be a mapping of keys to values");
        return null;
    }

    public YamlSequenceNode? Sequence(string key, bool required)
    {
        var value = Value(key);
        if (value is null)
        {
            ReportMissing(key, required);
            return null;
        }

        if (value is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Report(value, $"'{key}' must be a list");
        return null;
    }

    /// <summary>A list of non-empty texts; null when absent (or not a list), bad items are reported and left out.</summary>
    public IReadOnlyList<Located<string>>? TextList(string key, bool required)
    {
        var sequence = Sequence(key, required);
        if (sequence is null)
        {
            return null;
        }

        var items = new List<Located<string>>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                items.Add(new Located<string>(scalar.Value, YamlFileParser.LineOf(scalar)));
            }
            else
            {
                Report(item, $"each item of '{key}' must be non-empty text");
            }
        }

        return items;
    }

    public void Report(YamlNode node, string message) =>
        _problems.Add(new DeckProblem(_file, YamlFileParser.LineOf(node), message));

    public void Report(int line, string message) => _problems.Add(new DeckProblem(_file, line, message));

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private void ReportMissing(string key, bool required)
    {
        if (required)
        {
            Report(Line, $"{Article(_what)} {_what} needs '{key}'");
        }
    }

    /// <summary>Levenshtein distance, to suggest the key a typo meant.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}

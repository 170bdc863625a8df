namespace QuizBot.Core;

/// <summary>
/// A seed derived from text that is the same in every process (string.GetHashCode is randomised per process),
/// so seeded shuffles and fuzz are reproducible across restarts.
/// </summary>
public static class StableSeed
{
    public static int Of(string text, int salt = 0)
    {
        ArgumentNullException.ThrowIfNull(text);

        // FNV-1a over the UTF-16 code units, then the salt mixed in.
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)salt) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }
}

namespace QuizBot.Core.Decks;

/// <summary>
/// Everyday English words: a blank whose answer is one of them is guessed from the sentence alone, without
/// the article ("similar steps in the ____" → past). Our own list of function words and the commonest
/// adjectives, nouns and verbs; lower case.
/// </summary>
internal static class CommonWords
{
    public static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        // Function words.
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as", "at", "by", "for", "from",
        "in", "into", "of", "off", "on", "onto", "out", "over", "to", "up", "upon", "with", "within", "without", "about",
        "above", "after", "against", "along", "among", "around", "before", "behind", "below", "between", "beyond",
        "down", "during", "except", "inside", "near", "since", "through", "toward", "towards", "under", "until", "via",
        "this", "that", "these", "those", "it", "its", "he", "she", "they", "them", "their", "we", "our", "you", "your",
        "i", "me", "my", "his", "her", "who", "whom", "whose", "which", "what", "when", "where", "why", "how",
        "all", "any", "both", "each", "every", "few", "many", "more", "most", "much", "no", "not", "none", "some",
        "such", "only", "also", "very", "too", "again", "still", "even", "just", "well", "now", "here", "there",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "last",
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
        "can", "could", "may", "might", "must", "shall", "should",

        // Adjectives.
        "new", "old", "good", "bad", "great", "big", "small", "large", "little", "long", "short", "high", "low", "strong",
        "weak", "important", "different", "same", "other", "own", "right", "wrong", "next", "early", "late", "young",
        "whole", "real", "best", "better", "worse", "worst", "sure", "free", "full", "special", "clear", "hard", "easy",
        "open", "major", "minor", "main", "general", "certain", "close", "past", "future", "present", "true", "false",
        "common", "possible", "similar", "various", "several", "recent", "current", "further", "higher",
        "lower", "greater", "larger", "smaller", "key", "top", "total", "wide", "deep", "able", "likely", "necessary",

        // Nouns.
        "time", "year", "years", "people", "way", "day", "days", "thing", "things", "world", "life", "hand", "part",
        "parts", "place", "case", "week", "month", "point", "number", "group", "problem", "fact", "level", "side",
        "kind", "head", "home", "end", "area", "state", "country", "countries", "man", "men", "woman", "women", "work",
        "system", "question", "issue", "issues", "power", "order", "line", "form", "name", "step", "steps", "term",
        "terms", "result", "results", "reason", "change", "changes", "interest", "interests", "idea", "position",
        "role", "field", "matter", "relations", "relationship", "ties", "help", "support",

        // Verbs.
        "say", "said", "get", "make", "made", "go", "know", "take", "see", "come", "think", "look", "want", "give",
        "use", "used", "find", "tell", "ask", "seem", "feel", "try", "leave", "call", "keep", "kept", "let", "begin",
        "show", "move", "live", "hold", "held", "bring", "happen", "include", "lead", "stand", "run", "continue",
        "increase", "grow", "become", "put", "set", "turn", "start", "stop", "play", "pay", "meet", "reach", "add",
        "improve", "remain", "allow", "create", "build", "expand", "reduce",
    };
}

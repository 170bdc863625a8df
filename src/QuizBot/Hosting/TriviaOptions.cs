using System.Security.Cryptography;
using QuizBot.Core.Trivia;

namespace QuizBot.Hosting;

/// <summary>
/// How this instance drives live trivia games (configuration section <c>Trivia</c>). Games live in the database;
/// each is driven by one instance at a time, the holder of its lease.
/// </summary>
public sealed class TriviaOptions
{
    public const string Section = "Trivia";

    /// <summary>Names this process in the games' leases. A fresh random id per process unless set.</summary>
    public string InstanceId { get; set; } = "bot-" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    /// <summary>How long a lease lasts without renewal; a crashed instance's games are taken over after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A game whose next step is overdue by more than this (the bot was down) ends with its standings instead of continuing.</summary>
    public TimeSpan RestartGrace { get; set; } = TriviaRules.DefaultGrace;

    /// <summary>How many games this instance advances at the same moment; the others wait for a free slot, not for each other's Discord calls.</summary>
    public int MaxConcurrentGames { get; set; } = 16;

    /// <summary>How often the scheduler looks for games started, stopped or left by other instances.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this many failed Discord calls in a row a game ends (the REST client has already retried 429s and 5xx answers).</summary>
    public int MaxFailedPosts { get; set; } = 3;

    public TriviaTiming Timing => new(RestartGrace, TriviaRules.TokenMargin);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(InstanceId) || InstanceId.Length > 100)
        {
            throw new ArgumentException("Trivia:InstanceId must be 1 to 100 characters.", nameof(InstanceId));
        }

        if (LeaseDuration < TimeSpan.FromSeconds(3) || LeaseDuration > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "Trivia:LeaseDuration must be between 3 seconds and 5 minutes.");
        }

        if (RestartGrace < TimeSpan.Zero || RestartGrace > TriviaRules.TokenLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(RestartGrace), RestartGrace, "Trivia:RestartGrace must be between 0 and 15 minutes.");
        }

        if (MaxConcurrentGames is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentGames), MaxConcurrentGames, "Trivia:MaxConcurrentGames must be between 1 and 1000.");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "Trivia:PollInterval must be between 0.1 and 60 seconds.");
        }

        if (MaxFailedPosts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFailedPosts), MaxFailedPosts, "Trivia:MaxFailedPosts must be between 1 and 100.");
        }
    }
}

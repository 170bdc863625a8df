namespace QuizBot.Core.Players;

/// <summary>
/// Who is playing, and where: <see cref="Scope"/> is a guild id, "dm" for direct messages, or "local" for the
/// terminal. Scores and leaderboards are per scope; the user id is Discord's snowflake or a local profile name.
/// </summary>
public readonly record struct PlayerKey(string Scope, string UserId)
{
    public const string LocalScope = "local";

    public override string ToString() => $"{Scope}/{UserId}";
}

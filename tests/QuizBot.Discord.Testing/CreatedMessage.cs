namespace QuizBot.Discord.Testing;

/// <summary>A message the fake REST server created: where (the request path), its id, and the request that created it.</summary>
public sealed record CreatedMessage(string Path, string Id, RecordedRequest Request);

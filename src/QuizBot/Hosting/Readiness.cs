namespace QuizBot.Hosting;

/// <summary>One part of the bot that must be up before it is ready to answer (the transport, the database).</summary>
public interface IReadinessCheck
{
    /// <summary>What is checked, as the health endpoint names it ("gateway", "database").</summary>
    string Name { get; }

    /// <summary>Whether this part is up now; cheap enough for a probe every few seconds.</summary>
    ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>A part's state: ready or not, with a few words for the operator ("connected", "connecting").</summary>
public sealed record ReadinessResult(bool Ready, string Detail)
{
    public static ReadinessResult Up(string detail) => new(true, detail);

    public static ReadinessResult Down(string detail) => new(false, detail);
}

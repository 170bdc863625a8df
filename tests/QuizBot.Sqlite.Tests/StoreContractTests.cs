using QuizBot.Core.Ports;
using QuizBot.Store.Contracts;

namespace QuizBot.Sqlite.Tests;

/// <summary>The SQLite stores against the port contracts, each test on a fresh database file.</summary>
public sealed class SqliteQuizStoreContractTests : QuizStoreContract, IDisposable
{
    private readonly List<TestDatabase> databases = [];

    protected override IQuizStore CreateStore()
    {
        var database = new TestDatabase();
        databases.Add(database);
        return database.Store.Quizzes;
    }

    public void Dispose() => databases.ForEach(d => d.Dispose());
}

public sealed class SqliteStudyStoreContractTests : StudyStoreContract, IDisposable
{
    private readonly List<TestDatabase> databases = [];

    protected override IStudyStore CreateStore()
    {
        var database = new TestDatabase();
        databases.Add(database);
        return database.Store.Study;
    }

    public void Dispose() => databases.ForEach(d => d.Dispose());
}

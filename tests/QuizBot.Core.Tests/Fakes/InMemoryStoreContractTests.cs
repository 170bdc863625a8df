using QuizBot.Core.Ports;
using QuizBot.Store.Contracts;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>The in-memory fakes keep the same contract as the real stores, so tests on them mean something.</summary>
public sealed class InMemoryQuizStoreContractTests : QuizStoreContract
{
    private InMemoryQuizStore? last;

    protected override IQuizStore CreateStore() => last = new InMemoryQuizStore();

    // One in-memory store is the database: a second instance is the same object.
    protected override IQuizStore OpenAnother() => last!;
}

public sealed class InMemoryStudyStoreContractTests : StudyStoreContract
{
    protected override IStudyStore CreateStore() => new InMemoryStudyStore();
}

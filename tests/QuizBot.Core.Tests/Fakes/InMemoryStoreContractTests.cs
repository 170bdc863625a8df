using QuizBot.Core.Ports;
using QuizBot.Store.Contracts;

namespace QuizBot.Core.Tests.Fakes;

/// <summary>The in-memory fakes keep the same contract as the real stores, so tests on them mean something.</summary>
public sealed class InMemoryQuizStoreContractTests : QuizStoreContract
{
    protected override IQuizStore CreateStore() => new InMemoryQuizStore();
}

public sealed class InMemoryStudyStoreContractTests : StudyStoreContract
{
    protected override IStudyStore CreateStore() => new InMemoryStudyStore();
}

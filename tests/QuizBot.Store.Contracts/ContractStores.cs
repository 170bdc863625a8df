using QuizBot.Core.Ports;

namespace QuizBot.Store.Contracts;

/// <summary>
/// The ports of one implementation opened on one database, as one bot instance holds them: the read-model
/// contracts fill the database through the write ports the way the services do, then check what the queries return.
/// </summary>
public sealed record ContractStores(IQuizStore Quizzes, IStudyStore Study, IGuildStore Guilds, IPlayerStatsQuery Stats, IPlayerProgressQuery Progress);

using QuizBot.LoadGen;
using QuizBot.Sqlite;

namespace QuizBot.LoadGen.Tests;

public sealed class StoredAnswerCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("quizbot-check-").FullName;

    [Fact]
    public void Members_who_had_no_answer_accepted_fail_the_check_instead_of_passing_it_empty()
    {
        var path = Path.Combine(_folder, "bot.db");
        SqliteStore.Open(path).Dispose();
        var member = new QuizMember(new DiscordMember(42, 7, "member7"), new Random(1));

        var result = StoredAnswerCheck.Run(new AnswerStore(path, null), "42", [member], []);

        Assert.False(result.Passed);
        Assert.Contains(result.Lines, line => line.Contains("nothing could be compared", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

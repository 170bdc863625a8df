using QuizBot.Core.Quiz;

namespace QuizBot.Core.Tests.Quiz;

public sealed class SessionIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_id_is_twenty_hex_digits_starting_with_its_millisecond()
    {
        var id = SessionIds.New(Noon, new Random(1));

        Assert.Equal(SessionIds.Length, id.Length);
        Assert.All(id, c => Assert.True(char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c), $"'{c}' in {id}"));
        Assert.Equal(Noon.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), id[..12]);
    }

    [Fact]
    public void Ids_made_later_sort_after_earlier_ones_whatever_their_random_part()
    {
        // A random source that gives the earlier id the largest random part and the later one the smallest.
        var earlier = SessionIds.New(Noon, new FixedBytes(0xFF));
        var later = SessionIds.New(Noon.AddMilliseconds(1), new FixedBytes(0x00));

        Assert.True(string.CompareOrdinal(earlier, later) < 0, $"{earlier} should sort before {later}");
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_differ_by_their_random_part()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 1000).Select(_ => SessionIds.New(Noon, random)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_service_opens_quizzes_with_time_ordered_ids()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Noon);
        var service = new QuizService(new Fakes.InMemoryQuizStore(), new QuizBot.Core.Catalog.DeckCatalog([Fakes.TestDecks.Build()]), clock, new Random(3));

        var first = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(new QuizBot.Core.Players.PlayerKey("g", "1"), null, 3));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = Assert.IsType<QuizStartOutcome.Started>(await service.StartAsync(new QuizBot.Core.Players.PlayerKey("g", "2"), null, 3));

        Assert.Equal(SessionIds.Length, first.Session.Id.Length);
        Assert.True(string.CompareOrdinal(first.Session.Id, second.Session.Id) < 0);
    }

    private sealed class FixedBytes(byte value) : Random
    {
        public override void NextBytes(Span<byte> buffer) => buffer.Fill(value);
    }
}

namespace QuizBot.LoadGen.Tests;

public sealed class UrlPickerTests
{
    [Fact]
    public void Each_request_goes_to_a_random_instance_and_every_instance_gets_its_share()
    {
        Uri[] urls = [new("http://127.0.0.1:8081/interactions"), new("http://127.0.0.1:8082/interactions"), new("http://127.0.0.1:8083/interactions")];
        var picker = new UrlPicker(urls, new Random(7));

        var picks = Enumerable.Range(0, 3000).Select(_ => picker.Next()).ToList();

        var counts = picks.GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(urls.Select(u => u.AbsoluteUri).Order(), counts.Keys.Select(u => u.AbsoluteUri).Order());
        Assert.All(counts.Values, count => Assert.InRange(count, 850, 1150));

        // Not round robin: a member's next request may go to the same instance as the last.
        Assert.Contains(picks.Zip(picks.Skip(1)), pair => pair.First == pair.Second);
    }

    [Fact]
    public void One_instance_gets_every_request_and_none_is_refused()
    {
        var only = new Uri("http://127.0.0.1:8080/interactions");
        var picker = new UrlPicker([only], new Random(1));

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(only, picker.Next()));
        Assert.Throws<ArgumentException>(() => new UrlPicker([], new Random(1)));
    }

    [Fact]
    public async Task Workers_picking_at_once_still_spread_over_every_instance()
    {
        Uri[] urls = [new("http://127.0.0.1:8081/"), new("http://127.0.0.1:8082/")];
        var picker = new UrlPicker(urls, new Random(3));

        var picks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 1000).Select(_ => picker.Next()).ToList())));

        var counts = picks.SelectMany(p => p).GroupBy(u => u).Select(g => g.Count()).ToList();
        Assert.Equal(2, counts.Count);
        Assert.All(counts, count => Assert.InRange(count, 3600, 4400));
    }
}

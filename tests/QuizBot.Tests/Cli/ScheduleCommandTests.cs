using System.CommandLine;
using System.Text.Json;
using QuizBot.Cli;

namespace QuizBot.Tests.Cli;

public sealed class ScheduleCommandTests
{
    [Fact]
    public async Task Json_output_replays_the_reference_history()
    {
        var (code, output, _) = await InvokeAsync("schedule", "--ratings", "again,good,good,good,good,good", "--days", "0,0,1,4,12,33", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["again", "good", "good", "good", "good", "good"], rows.Select(r => r.GetProperty("rating").GetString()));
        Assert.Equal([0, 0, 1, 3, 8, 21], rows.Select(r => r.GetProperty("elapsedDays").GetInt32()));
        Assert.Equal(53.62691, rows[5].GetProperty("stability").GetDouble(), 1e-4);
        Assert.Equal(6.3574867, rows[5].GetProperty("difficulty").GetDouble(), 1e-4);
        Assert.Equal(54, rows[5].GetProperty("intervalDays").GetDouble());
        Assert.Equal(1.0 / 1440, rows[0].GetProperty("intervalDays").GetDouble(), 1e-9);
        Assert.Equal(0, rows[0].GetProperty("retrievability").GetDouble());
        Assert.InRange(rows[5].GetProperty("retrievability").GetDouble(), 0.85, 0.95);
    }

    [Fact]
    public async Task Table_output_has_a_row_per_review()
    {
        var (code, output, _) = await InvokeAsync("schedule", "--ratings", "good, easy", "--days", "0, 0");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("stability", lines[0], StringComparison.Ordinal);
        Assert.Contains("10m", lines[1], StringComparison.Ordinal);
        Assert.Contains("easy", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("again,meh", "0,0", "Unknown rating \"meh\"")]
    [InlineData("again,good", "0", "one day offset per rating")]
    [InlineData("again,good,good", "0,3,1", "must not decrease")]
    [InlineData("good", "-1", "not a day offset")]
    [InlineData("good", "x", "not a day offset")]
    [InlineData(",", "", "at least one rating")]
    public async Task Bad_input_gets_a_clear_message_and_exit_code_2(string ratings, string days, string message)
    {
        var (code, output, error) = await InvokeAsync("schedule", "--ratings", ratings, "--days", days);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { ScheduleCommand.Create() };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}

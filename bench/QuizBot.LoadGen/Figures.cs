using System.Globalization;

namespace QuizBot.LoadGen;

/// <summary>
/// A run's headline figures by name, printed at the end and appended to --figures-file as "name&lt;TAB&gt;value" lines,
/// which bench/run-benchmarks.sh turns into BENCHMARKS.md's table.
/// </summary>
internal sealed class Figures
{
    private readonly List<(string Name, string Value)> figures = [];

    public IReadOnlyList<(string Name, string Value)> All => figures;

    public void Add(string name, double value, string format = "0.##") => figures.Add((name, value.ToString(format, CultureInfo.InvariantCulture)));

    public void Add(string name, string value) => figures.Add((name, value));

    public void Add(string name, TimeSpan value) => Add(name, value.TotalMilliseconds, "0.0#");

    public void Write(TextWriter output)
    {
        if (figures.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("figures:");
        foreach (var (name, value) in figures)
        {
            output.WriteLine($"  {name} = {value}");
        }
    }

    public void AppendTo(string path) => File.AppendAllLines(path, figures.Select(f => $"{f.Name}\t{f.Value}"));
}

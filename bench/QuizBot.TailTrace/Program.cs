using System.Globalization;
using Microsoft.Diagnostics.Tracing;

// Reads a dotnet-trace of the bot (GC, JIT and Kestrel events; trace-run.sh takes one) and prints the GC pauses by kind,
// the requests' own times from Kestrel's start and stop events, and how much of the slow requests' time the bot spent paused.
//   dotnet bench/QuizBot.TailTrace/bin/Release/net10.0/QuizBot.TailTrace.dll <bot.nettrace> [slow-ms, default 10]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: QuizBot.TailTrace <bot.nettrace> [slow-ms]");
    return 2;
}

var slowMs = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
using var source = new EventPipeEventSource(args[0]);
var pauses = new List<Pause>();
var suspensions = new List<double>();
var requests = new List<(double Start, double End)>();
var requestStarts = new Dictionary<string, double>(StringComparer.Ordinal);
var jits = new List<double>();
double suspendStart = -1;
var gc = (Gen: -1, Type: "");
source.Clr.GCSuspendEEStart += e => suspendStart = e.TimeStampRelativeMSec;
source.Clr.GCSuspendEEStop += e => suspensions.Add(e.TimeStampRelativeMSec - suspendStart);
source.Clr.GCStart += e => gc = (e.Depth, e.Type.ToString());
source.Clr.GCRestartEEStop += e =>
{
    if (suspendStart >= 0)
    {
        pauses.Add(new Pause(suspendStart, e.TimeStampRelativeMSec, gc.Gen, gc.Type));
    }

    suspendStart = -1;
};
source.Clr.MethodJittingStarted += e => jits.Add(e.TimeStampRelativeMSec);
source.Dynamic.All += e =>
{
    if (e.ProviderName != "Microsoft-AspNetCore-Server-Kestrel" || !e.EventName.StartsWith("Request", StringComparison.Ordinal))
    {
        return;
    }

    var id = $"{e.PayloadByName("connectionId")}/{e.PayloadByName("requestId")}";
    if (e.EventName.EndsWith("Start", StringComparison.Ordinal) || e.Opcode == TraceEventOpcode.Start)
    {
        requestStarts[id] = e.TimeStampRelativeMSec;
    }
    else if ((e.EventName.EndsWith("Stop", StringComparison.Ordinal) || e.Opcode == TraceEventOpcode.Stop) && requestStarts.Remove(id, out var start))
    {
        requests.Add((start, e.TimeStampRelativeMSec));
    }
};
source.Process();
if (requests.Count == 0)
{
    Console.Error.WriteLine("no Kestrel request events in the trace (was Microsoft-AspNetCore-Server-Kestrel:0:5 among the providers?)");
    return 1;
}

var first = requests.Min(r => r.Start);
var span = requests.Max(r => r.End) - first;
var times = requests.Select(r => r.End - r.Start).Order().ToList();
Console.WriteLine(Invariant($"requests {requests.Count} in {span / 1000:0.0} s; the bot's own time (Kestrel start to stop) p50 {Percentile(times, .5):0.00} p90 {Percentile(times, .9):0.00} p99 {Percentile(times, .99):0.00} max {times[^1]:0.00} ms"));
var paused = pauses.Sum(p => p.Length);
Console.WriteLine(Invariant($"GC pauses {pauses.Count} ({pauses.Count / span * 1000:0.0}/s), {paused:0.0} ms in all = {paused / span * 100:0.00}% of the time"));
foreach (var kind in pauses.GroupBy(p => (p.Gen, p.Type)).OrderBy(g => g.Key))
{
    var lengths = kind.Select(p => p.Length).Order().ToList();
    Console.WriteLine(Invariant($"  gen{kind.Key.Gen} {kind.Key.Type}: {lengths.Count}, p50 {Percentile(lengths, .5):0.00} p90 {Percentile(lengths, .9):0.00} max {lengths[^1]:0.00} ms"));
}

var suspending = suspensions.Where(s => s >= 0).Order().ToList();
Console.WriteLine(Invariant($"  of which suspending the threads: p50 {Percentile(suspending, .5):0.00} p90 {Percentile(suspending, .9):0.00} max {(suspending.Count > 0 ? suspending[^1] : 0):0.00} ms"));
var slow = requests.Where(r => r.End - r.Start > slowMs).ToList();
var pausedInSlow = slow.Sum(r => pauses.Sum(p => Math.Max(0, Math.Min(p.End, r.End) - Math.Max(p.Start, r.Start))));
var slowTime = slow.Sum(r => r.End - r.Start);
Console.WriteLine(Invariant($"requests over {slowMs} ms: {slow.Count} ({slow.Count * 100.0 / requests.Count:0.00}%); GC pauses are {(slowTime > 0 ? pausedInSlow / slowTime * 100 : 0):0.0}% of their time"));
Console.WriteLine(Invariant($"methods JIT-compiled: {jits.Count}, in the second half: {jits.Count(t => t > first + span / 2)}"));
return 0;

static double Percentile(List<double> sorted, double share) =>
    sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

internal sealed record Pause(double Start, double End, int Gen, string Type)
{
    public double Length => End - Start;
}

using Microsoft.Extensions.Logging;

namespace QuizBot.Discord.Interactions;

/// <summary>
/// Logs refused requests without letting a flood write a line each: the first refusal after a quiet period is
/// logged at once, later ones are counted and reported as one line per interval, until an interval passes with none.
/// </summary>
internal sealed partial class RejectionLog : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _sync = new();
    private ITimer? _timer;
    private int _counted;
    private string _lastReason = "";
    private string _lastAddress = "";

    public RejectionLog(ILogger logger, TimeProvider time, TimeSpan interval)
    {
        _logger = logger;
        _time = time;
        _interval = interval;
    }

    public void Record(string reason, string remoteAddress)
    {
        lock (_sync)
        {
            if (_timer is not null)
            {
                _counted++;
                _lastReason = reason;
                _lastAddress = remoteAddress;
                return;
            }

            _timer = _time.CreateTimer(_ => Report(), null, _interval, _interval);
        }

        LogFirst(_logger, reason, remoteAddress, _interval.TotalSeconds);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Report()
    {
        int count;
        string reason;
        string address;
        lock (_sync)
        {
            count = _counted;
            reason = _lastReason;
            address = _lastAddress;
            _counted = 0;
            if (count == 0)
            {
                // A quiet interval: the next refusal is news again.
                _timer?.Dispose();
                _timer = null;
                return;
            }
        }

        LogCounted(_logger, count, _interval.TotalSeconds, reason, address);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an interaction request ({Reason}) from {RemoteAddress}; further refusals are counted and reported every {Seconds} s")]
    private static partial void LogFirst(ILogger logger, string reason, string remoteAddress, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} more interaction request(s) in the last {Seconds} s (latest: {Reason} from {RemoteAddress})")]
    private static partial void LogCounted(ILogger logger, int count, double seconds, string reason, string remoteAddress);
}

using System.Collections.Concurrent;
using System.Reflection;

namespace QuizBot.Tests.Support;

/// <summary>Wraps a port so a test can count which of its methods the bot called, and how often; every call goes through.</summary>
public class CallCounter<T> : DispatchProxy
    where T : class
{
    private T inner = null!;
    private ConcurrentDictionary<string, int> calls = null!;

    public static T Wrap(T inner, ConcurrentDictionary<string, int> calls)
    {
        var proxy = Create<T, CallCounter<T>>();
        var counter = (CallCounter<T>)(object)proxy;
        counter.inner = inner;
        counter.calls = calls;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        calls.AddOrUpdate(targetMethod.Name, 1, (_, n) => n + 1);
        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

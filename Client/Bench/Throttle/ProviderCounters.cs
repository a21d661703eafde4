namespace Client.Bench.Throttle;

/// <summary>What the provider itself saw: calls that reached it and how many it throttled.</summary>
internal sealed class ProviderCounters
{
    private long _calls;
    private long _throttled;

    public long Calls => Interlocked.Read(ref _calls);

    public long Throttled => Interlocked.Read(ref _throttled);

    public void Call() => Interlocked.Increment(ref _calls);

    public void Throttle() => Interlocked.Increment(ref _throttled);

    public double ThrottleRate => Calls == 0 ? 0 : (double)Throttled / Calls;
}

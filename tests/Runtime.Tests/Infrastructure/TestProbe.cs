using System.Collections.Concurrent;

namespace Runtime.Tests.Infrastructure;

/// <summary>Lets test grains report what happened and wait for the test's go-ahead, without sleeps.</summary>
public sealed class TestProbe
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentQueue<string> _events = new();

    public void Signal(string name) => Get(name).TrySetResult();

    public bool IsSignaled(string name) => Get(name).Task.IsCompleted;

    public Task WaitAsync(string name) => Get(name).Task.WaitAsync(Patience);

    /// <summary>For grain code: completes when the test signals <paramref name="name"/>, or fails after the patience.</summary>
    public Task Gate(string name, CancellationToken cancellationToken = default) => Get(name).Task.WaitAsync(Patience, cancellationToken);

    public void Record(string @event) => _events.Enqueue(@event);

    public IReadOnlyList<string> Events => [.. _events];

    public int Increment(string counter) => _counters.AddOrUpdate(counter, 1, static (_, n) => n + 1);

    public int Count(string counter) => _counters.GetValueOrDefault(counter);

    private TaskCompletionSource Get(string name) =>
        _signals.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

using System.Text;

namespace Silo.Tests.Infrastructure;

/// <summary>
/// The lines a child process writes, with waits on specific lines, so tests react to what the process says
/// instead of sleeping and polling.
/// </summary>
internal sealed class OutputLog
{
    private readonly object _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private bool _completed;

    public void Append(string line)
    {
        List<TaskCompletionSource<string>> found = [];
        lock (_lock)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var waiter in found)
        {
            waiter.TrySetResult(line);
        }
    }

    /// <summary>The stream ended: nobody waiting for a line will see it now.</summary>
    public void Complete()
    {
        List<TaskCompletionSource<string>> pending;
        lock (_lock)
        {
            _completed = true;
            pending = [.. _waiters.Select(w => w.Found)];
            _waiters.Clear();
        }
        foreach (var waiter in pending)
        {
            waiter.TrySetException(new InvalidOperationException($"The process ended before the expected line. Output:\n{this}"));
        }
    }

    /// <summary>The first line (already written or still to come) that matches.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _lines.FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }
            if (_completed)
            {
                throw new InvalidOperationException($"The process ended before the expected line. Output:\n{ToStringLocked()}");
            }
            _waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No expected line within {timeout.TotalSeconds:0.#} s. Output:\n{this}");
        }
    }

    public bool Contains(string text)
    {
        lock (_lock)
        {
            return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return ToStringLocked();
        }
    }

    private string ToStringLocked() => new StringBuilder().AppendJoin('\n', _lines).ToString();
}

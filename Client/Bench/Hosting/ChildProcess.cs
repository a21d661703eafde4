using System.Diagnostics;

namespace Client.Bench.Hosting;

/// <summary>
/// A process a bench started: both output pipes read to the end (so a chatty child never blocks on a full pipe)
/// with its last lines kept for error messages, and stopped by its own pid when disposed.
/// </summary>
internal sealed class ChildProcess(Process process) : IAsyncDisposable
{
    private const int KeptLines = 20;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Queue<string> _lastLines = new();

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>CPU time the process has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Starts reading both pipes; <paramref name="onLine"/> sees every line as it arrives.</summary>
    public void ReadOutput(Action<string>? onLine = null)
    {
        DataReceivedEventHandler received = (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }
            lock (_lastLines)
            {
                _lastLines.Enqueue(line.Data);
                if (_lastLines.Count > KeptLines)
                {
                    _lastLines.Dequeue();
                }
            }
            onLine?.Invoke(line.Data);
        };
        process.OutputDataReceived += received;
        process.ErrorDataReceived += received;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Its last lines of output (at most 20), joined: what a bench shows when the process died on it.</summary>
    public string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join(" | ", _lastLines.Select(l => l.Trim()).Where(l => l.Length > 0));
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL by its own pid (what Process.Kill sends on Linux), unless it has already exited.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                // Bench children keep nothing worth saving (in-memory or throwaway data): stop them outright.
                process.Kill();
                using var timeout = new CancellationTokenSource(StopTimeout);
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}

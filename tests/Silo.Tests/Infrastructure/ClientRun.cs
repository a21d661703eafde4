using System.Diagnostics;

namespace Silo.Tests.Infrastructure;

/// <summary>One run of the built `client` command line.</summary>
internal sealed record ClientRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> OutputLines => Lines(StandardOutput);

    public IReadOnlyList<string> ErrorLines => Lines(StandardError);

    public static Task<ClientRun> RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync(Timeout, cancellationToken, arguments);

    /// <summary>A run allowed <paramref name="timeout"/> instead of the default, for commands that start processes of their own.</summary>
    public static async Task<ClientRun> RunAsync(TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(BuildOutputs.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutputs.ClientAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return new ClientRun(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

using System.Diagnostics;
using System.Reflection;

namespace Client.Bench.Hosting;

/// <summary>
/// Finds the silo's build output beside the client's (same repository, same configuration) and builds it when it
/// is missing or older than its sources, so `dotnet run --project Client -- bench ...` works on a fresh tree.
/// </summary>
internal static class SiloBuild
{
    private static readonly string[] SourceProjects = ["Silo", "Grains", "Grains.Interfaces", "Runtime"];
    // .html: the dashboard page is embedded in the silo, so an edit to it needs a build too.
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".json", ".props", ".html"];

    public static string Configuration =>
        typeof(SiloBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration ? configuration : "Release";

    /// <summary>The path of Silo.dll, built first if needed; <paramref name="log"/> hears about a build.</summary>
    /// <param name="rebuildStale">Whether a build older than its sources is rebuilt (else only a missing one is).</param>
    public static async Task<string> EnsureAsync(bool rebuildStale, Action<string> log, CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot.Find()
            ?? throw new InvalidOperationException(
                $"Cannot find the repository (Silo/Silo.csproj) above {AppContext.BaseDirectory}; start a silo yourself and pass --silo URL.");
        var dll = Path.Combine(repository, "Silo", "bin", Configuration, "net10.0", "Silo.dll");
        var reason = !File.Exists(dll) ? "missing" : rebuildStale && IsStale(repository, File.GetLastWriteTimeUtc(dll)) ? "older than its sources" : null;
        if (reason is null)
        {
            return dll;
        }
        log($"The silo build ({dll}) is {reason}; running dotnet build -c {Configuration} Silo ...");
        try
        {
            await BuildAsync(repository, cancellationToken);
        }
        catch (InvalidOperationException failure) when (File.Exists(dll))
        {
            // Sources being edited need not stop a measurement of the last good build; say which one it is.
            log($"warning: {failure.Message} Measuring the existing build of {File.GetLastWriteTime(dll):yyyy-MM-dd HH:mm:ss} instead.");
            return dll;
        }
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"The build did not produce {dll}; run `dotnet build -c {Configuration} Silo` from {repository}.");
    }

    private static bool IsStale(string repository, DateTime builtUtc) =>
        SourceProjects
            .Select(project => Path.Combine(repository, project))
            .Where(Directory.Exists)
            .SelectMany(project => Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
                .Where(file => !IsBuildOutput(project, file) && SourceExtensions.Contains(Path.GetExtension(file))))
            .Any(file => File.GetLastWriteTimeUtc(file) > builtUtc);

    private static bool IsBuildOutput(string project, string file)
    {
        var relative = Path.GetRelativePath(project, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static async Task BuildAsync(string repository, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        // Without build servers, since they would outlive the bench: the build leaves nothing running behind it.
        foreach (var argument in new[] { "build", "-c", Configuration, Path.Combine("Silo", "Silo.csproj"), "-v", "q", "-nologo", "--disable-build-servers" })
        {
            start.ArgumentList.Add(argument);
        }
        using var build = Process.Start(start)!;
        await using var stop = cancellationToken.Register(() => build.Kill(entireProcessTree: true));
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0)
        {
            var lines = ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            throw new InvalidOperationException(
                $"Building the silo failed ({string.Join(" ", lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3))}); run `dotnet build -c {Configuration} Silo` from {repository} to see why.");
        }
    }
}

using System.Reflection;

namespace Silo.Tests.Infrastructure;

/// <summary>The built silo and client, located through paths the test project embeds at build time.</summary>
internal static class BuildOutputs
{
    public static string SiloAssembly => Locate("SiloAssembly");

    public static string ClientAssembly => Locate("ClientAssembly");

    /// <summary>The dotnet host that runs these tests, so the processes use the same runtime.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Locate(string key)
    {
        var path = typeof(BuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; see Silo.Tests.csproj.");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{Path.GetFileName(path)} is not built at {path}; build the solution in the same configuration as the tests.", path);
    }
}

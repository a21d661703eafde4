using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>
/// The built silo started as the image starts it (dotnet Silo.dll from the folder holding appsettings.json) with the
/// Dockerfile's environment, ports moved to free ones so tests can run side by side. No Docker engine is needed.
/// </summary>
public sealed class ImageEnvironmentTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Listens_beyond_loopback_answers_healthz_and_stops_cleanly_on_sigterm()
    {
        var (environment, apiPort, transportPort) = ImageEnvironment();
        environment["Auth__AllowAnonymous"] = "true"; // what docker-compose.yml adds
        using var silo = Start(environment, out var output);
        try
        {
            var health = await WaitForHealthAsync(silo, apiPort, output);
            Assert.Equal("ok", health);
            using var members = JsonDocument.Parse(await Http.GetStringAsync($"http://127.0.0.1:{apiPort}/api/v1/cluster/members"));
            var member = Assert.Single(members.RootElement.EnumerateArray());
            Assert.EndsWith($":{transportPort}", member.GetProperty("silo").GetProperty("endpoint").GetString(), StringComparison.Ordinal);
            Assert.Contains($"Now listening on: http://0.0.0.0:{apiPort}", output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Overriding HTTP_PORTS", output.ToString(), StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", silo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await silo.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, silo.ExitCode);
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill();
            }
        }
    }

    [Fact]
    public async Task Refuses_to_start_without_api_keys_or_an_explicit_opt_in_to_anonymous_access()
    {
        var (environment, _, _) = ImageEnvironment();
        using var silo = Start(environment, out var output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await silo.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, silo.ExitCode);
        Assert.Contains("Refusing to listen on http://0.0.0.0:", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The final stage's ENV with its two ports replaced by free ones, and grain state in memory.</summary>
    private static (Dictionary<string, string> Environment, int ApiPort, int TransportPort) ImageEnvironment()
    {
        var environment = Dockerfile.Read(DockerfileTests.Path).Final.Environment.ToDictionary(StringComparer.Ordinal);
        var apiPort = FreePort();
        var transportPort = FreePort();
        environment["Urls"] = environment["Urls"].Replace($":{DockerfileTests.ApiPort}", $":{apiPort}", StringComparison.Ordinal);
        environment["Silo__TransportPort"] = transportPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Storage__Provider"] = "Memory"; // the image's default SQLite file would land in Silo's build output
        return (environment, apiPort, transportPort);
    }

    private static Process Start(Dictionary<string, string> environment, out StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet", [Repository.SiloAssembly])
        {
            WorkingDirectory = Path.GetDirectoryName(Repository.SiloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.Contains("__", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                || name.Equals("Urls", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = log;
        return process;
    }

    private static async Task<string> WaitForHealthAsync(Process silo, int port, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(silo.HasExited, $"the silo exited: {output}");
            try
            {
                return await Http.GetStringAsync($"http://127.0.0.1:{port}/healthz");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

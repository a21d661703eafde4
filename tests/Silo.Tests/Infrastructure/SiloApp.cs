using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Silo.Tests.Infrastructure;

/// <summary>
/// The silo's real composition root (Program) hosted in the test process on a TestServer, with its grain
/// state in a SQLite file the test owns and the simulated models made instant (no waiting on simulated
/// latency). Disposing stops the host gracefully: the silo drains and deactivates its grains.
/// </summary>
internal sealed class SiloApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _testServices;

    /// <param name="testServices">Test-only services added after the silo's own (probes, fakes).</param>
    public SiloApp(string databasePath, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null)
    {
        _testServices = testServices;
        DatabasePath = databasePath;
        _settings = new Dictionary<string, string?>(InstantModels.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Sqlite:DatabasePath"] = databasePath,
            // Many hosts run side by side; their request logs are noise.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Runtime"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }
    }

    public string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
        if (_testServices is not null)
        {
            builder.ConfigureTestServices(_testServices);
        }
    }
}

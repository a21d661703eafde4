using Microsoft.Extensions.DependencyInjection;

namespace Silo.Tests.Infrastructure;

/// <summary>
/// One in-process silo shared by the tests of a class (each test uses its own session ids), on a database of
/// its own. Subclasses add settings.
/// </summary>
public class SiloAppFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private SiloApp? _app;

    internal SiloApp App => _app ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Test-only services for the silo (probes); none by default.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>A client of the silo's HTTP API (TestServer, no network).</summary>
    public HttpClient CreateClient() => App.CreateClient();

    public ValueTask InitializeAsync()
    {
        _app = new SiloApp(_data.Combine("grains.db"), Settings, ConfigureTestServices);
        // Builds and starts the host now, so a broken configuration fails here rather than in the first test.
        _ = _app.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

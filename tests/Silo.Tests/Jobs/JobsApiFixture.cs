using System.Net.Http.Headers;
using Grains.Models.Providers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Jobs;

/// <summary>
/// The silo's real composition root with two tenants (API keys), the default tools and sets (simulated models made
/// instant), test models (echo, held) and tools on them: <c>echo_tool</c> and <c>held_tool</c> output their
/// <c>text</c> input, and build_cfn_template outputs its description, so a test knows what every tool produces.
/// </summary>
public sealed class JobsApiFixture : IAsyncLifetime
{
    public const string KeyA = "sk-jobs-tenant-a-0123456789";
    public const string KeyB = "sk-jobs-tenant-b-9876543210";

    private readonly TempDirectory _data = new();
    private JobsApp? _app;

    public TestModelProvider Models { get; } = new();

    /// <summary>A client of the silo's HTTP API acting with <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey = KeyA)
    {
        var http = (_app ?? throw new InvalidOperationException("The fixture is not initialized.")).CreateClient();
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return http;
    }

    public ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(InstantModels.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Sqlite:DatabasePath"] = _data.Combine("grains.db"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Runtime"] = "Warning",
            [$"Auth:Keys:{KeyA}:Tenant"] = "tenant-a",
            [$"Auth:Keys:{KeyB}:Tenant"] = "tenant-b",
            [$"Models:{TestModelProvider.Echo}:Provider"] = "test",
            [$"Models:{TestModelProvider.Held}:Provider"] = "test",
            ["Tools:echo_tool:Model"] = TestModelProvider.Echo,
            ["Tools:echo_tool:Prompt"] = "{{text}}",
            ["Tools:held_tool:Model"] = TestModelProvider.Held,
            ["Tools:held_tool:Prompt"] = "{{text}}",
            ["Tools:build_cfn_template:Model"] = TestModelProvider.Echo,
            ["Tools:build_cfn_template:Prompt"] = "{{description}}",
        };
        _app = new JobsApp(settings, Models);
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
    }

    private sealed class JobsApp(IReadOnlyDictionary<string, string?> settings, TestModelProvider models) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (name, value) in settings)
            {
                builder.UseSetting(name, value);
            }
            builder.ConfigureTestServices(services => services.AddSingleton<IModelProvider>(models));
        }
    }
}

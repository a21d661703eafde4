using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runtime.Membership;

namespace Runtime.Tests.Infrastructure;

/// <summary>
/// Stands where a silo's grain transport would (HTTP/2 on loopback), keeps the headers of every request it gets and
/// answers each call with the same JSON result: for seeing exactly what a caller puts on the wire.
/// </summary>
public sealed class HeaderRecordingSilo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requests = new();

    private HeaderRecordingSilo(WebApplication app) => _app = app;

    public SiloAddress Address { get; private set; } = null!;

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests => [.. _requests];

    public static async Task<HeaderRecordingSilo> StartAsync(string resultJson)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var silo = new HeaderRecordingSilo(app);
        app.Run(async context =>
        {
            silo._requests.Enqueue(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(resultJson);
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        silo.Address = new SiloAddress($"127.0.0.1:{port}", 1);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Observability;

/// <summary>
/// Telemetry:Otlp:Endpoint switches OTLP export on: a fake collector on loopback (OTLP over HTTP/protobuf) receives
/// the silo's metrics and spans when the silo stops and flushes.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact(Timeout = 60_000)]
    public async Task With_an_endpoint_metrics_and_traces_reach_the_collector()
    {
        var ct = TestContext.Current.CancellationToken;
        var received = new ConcurrentDictionary<string, byte[]>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.AddOrUpdate(signal, body.ToArray(), (_, before) => [.. before, .. body.ToArray()]);
            return Results.Ok();
        });
        await collector.StartAsync(ct);
        var endpoint = collector.Urls.Single();

        using var data = new TempDirectory();
        var app = new SiloApp(data.Combine("grains.db"), new Dictionary<string, string?>
        {
            ["Telemetry:Otlp:Endpoint"] = endpoint,
            ["Telemetry:Otlp:Protocol"] = "http/protobuf",
        });
        await using (app)
        {
            using var http = app.CreateClient();
            await CompleteAsync(http, UserMessage($"export me {Guid.NewGuid():N}"), null, ct);
        }

        // Protobuf keeps strings as UTF-8 bytes, so names can be found without decoding the messages.
        Assert.True(received.TryGetValue("traces", out var traces), $"no traces; got: {string.Join(", ", received.Keys)}");
        Assert.True(Contains(traces, "model.call"), "the exported spans have no model.call");
        Assert.True(received.TryGetValue("metrics", out var metrics), $"no metrics; got: {string.Join(", ", received.Keys)}");
        Assert.True(Contains(metrics, "api.requests") && Contains(metrics, "model.call.duration"), "the exported metrics lack the API's or the models' instruments");
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}

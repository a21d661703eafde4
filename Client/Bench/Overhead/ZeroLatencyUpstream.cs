using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Client.Bench.Overhead;

/// <summary>
/// An OpenAI-compatible model that answers at once: Kestrel on loopback, no routing, no JSON parsing beyond
/// spotting <c>"stream":true</c>, prebuilt bodies. Called directly it is the baseline; through the silo it is
/// the provider behind the <c>bench-openai</c> model, so the difference is what the silo adds.
/// </summary>
internal sealed class ZeroLatencyUpstream : IAsyncDisposable
{
    private static readonly byte[] StreamFlag = "\"stream\":true"u8.ToArray();

    private readonly WebApplication _app;
    private readonly UpstreamPayloads _payloads;

    private ZeroLatencyUpstream(WebApplication app, UpstreamPayloads payloads)
    {
        _app = app;
        _payloads = payloads;
    }

    /// <summary>Base URL in the form OpenAI clients take, e.g. http://127.0.0.1:5000/v1.</summary>
    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1";

    /// <param name="port">0 for a free port.</param>
    public static async Task<ZeroLatencyUpstream> StartAsync(int port, UpstreamPayloads payloads, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new ZeroLatencyUpstream(app, payloads);
        app.Run(upstream.HandleAsync);
        await app.StartAsync(cancellationToken);
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || request.Path != "/v1/chat/completions")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var stream = await ReadsStreamFlagAsync(request, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = stream ? "text/event-stream" : "application/json";
        var body = stream ? _payloads.Stream : _payloads.Completion;
        response.ContentLength = stream ? null : body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Reads the whole body (a client expects it consumed) and reports whether it asks for a stream.</summary>
    private static async Task<bool> ReadsStreamFlagAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                var found = Contains(read.Buffer, StreamFlag);
                reader.AdvanceTo(read.Buffer.End);
                return found;
            }
            // Not consumed: the next read returns the whole body so far, until the client has sent it all.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static bool Contains(ReadOnlySequence<byte> buffer, byte[] value) =>
        buffer.IsSingleSegment ? buffer.FirstSpan.IndexOf(value) >= 0 : buffer.ToArray().AsSpan().IndexOf(value) >= 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

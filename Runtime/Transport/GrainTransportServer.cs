using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runtime.Activation;
using Runtime.Diagnostics;
using Runtime.Hosting;
using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Serialization;

namespace Runtime.Transport;

/// <summary>
/// The silo's grain endpoint: its own Kestrel listener, HTTP/2 only, with no middleware in the way.
/// Calls for grains this silo does not own are relayed to the owner.
/// </summary>
internal sealed class GrainTransportServer(
    SiloGrainCallRouter router,
    GrainInterfaceRegistry interfaces,
    GrainSerializer serializer,
    GrainTransportClient client,
    ClusterView view) : IAsyncDisposable
{
    private static readonly byte[] CompleteFrame = [TransportProtocol.CompleteTag, (byte)'\n'];
    private WebApplication? _app;

    /// <summary>Starts listening and returns the bound port.</summary>
    public async Task<int> StartAsync(string host, int port, CancellationToken cancellationToken)
    {
        // Its own small host: it must not pick up the silo application's configuration (its URLs, say).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(GrainTransportServer).Assembly.GetName().Name });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(ParseAddress(host), port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }

    /// <summary>Stops listening; calls still open when <paramref name="cancellationToken"/> fires are cut.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop can be called twice at once (a host stopped by its owner while its RunAsync stops it too, as under
        // WebApplicationFactory): only the caller that takes the app stops and disposes it.
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private static IPAddress ParseAddress(string host) =>
        host is "*" or "0.0.0.0" ? IPAddress.Any
        : host == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new ArgumentException($"Silo:TransportHost must be an IP address, '*' or 'localhost', not '{host}'.");

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(context.Request.Method) && path == TransportProtocol.MembersPath)
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, view.Members, serializer.Options, context.RequestAborted);
            return;
        }
        var stream = path.StartsWith(TransportProtocol.StreamPrefix, StringComparison.Ordinal);
        if (!stream && !path.StartsWith(TransportProtocol.CallPrefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var parts = path[(stream ? TransportProtocol.StreamPrefix : TransportProtocol.CallPrefix).Length..].Split('/');
        var grainType = parts.Length == 2 ? Uri.UnescapeDataString(parts[0]) : "";
        var methodName = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
        if (!interfaces.TryGet(grainType, out var metadata) || !metadata.TryGetMethod(methodName, out var method)
            || (method.Kind == GrainMethodKind.AsyncEnumerable) != stream)
        {
            await WriteErrorAsync(context, new InvalidOperationException($"This silo has no grain method {grainType}.{methodName}."));
            return;
        }
        // The metadata's name rather than the path's: one string instance per grain type, which the metrics
        // collector finds the call-duration series by (a new instance per call would cost it a lookup by text).
        var target = new GrainId(metadata.Name, context.Request.Query["key"].ToString());
        var hops = int.TryParse(context.Request.Headers[TransportProtocol.HopsHeader], out var parsed) ? parsed : 0;
        if (hops < TransportProtocol.MaxHops && router.TryGetRemoteOwner(target, out var owner))
        {
            await client.ForwardAsync(owner, context, hops + 1);
            return;
        }
        // Current from here on: the grain's turn captures it, so its logs and the spans of the calls it makes
        // belong to the caller's trace and carry the caller's baggage (the request id).
        var caller = TraceContextHeaders.Read(context.Request.Headers, out var baggage);
        using var activity = GrainCallActivities.StartServer(target, methodName, caller, baggage, hops);
        object?[] arguments;
        try
        {
            arguments = ArgumentCodec.Read(serializer, method, await ReadBodyAsync(context), context.RequestAborted);
        }
        catch (JsonException exception)
        {
            var bad = new ArgumentException($"Bad arguments for {grainType}.{methodName}: {exception.Message}");
            GrainCallActivities.RecordFailure(activity, bad);
            await WriteErrorAsync(context, bad);
            return;
        }
        if (stream)
        {
            await StreamAsync(context, method, target, arguments, activity);
        }
        else
        {
            await CallAsync(context, method, target, arguments, activity);
        }
    }

    private async Task CallAsync(HttpContext context, GrainMethod method, GrainId target, object?[] arguments, Activity? activity)
    {
        object? result;
        try
        {
            result = await method.InvokeBoxedAsync(router.Local, target, arguments);
        }
        catch (Exception exception)
        {
            GrainCallActivities.RecordFailure(activity, exception);
            await WriteErrorAsync(context, exception);
            return;
        }
        context.Response.ContentType = TransportProtocol.JsonContentType;
        await context.Response.Body.WriteAsync(serializer.Serialize(result, method.ResultType), context.RequestAborted);
    }

    private async Task StreamAsync(HttpContext context, GrainMethod method, GrainId target, object?[] arguments, Activity? activity)
    {
        context.Response.ContentType = TransportProtocol.StreamContentType;
        var body = context.Response.BodyWriter;
        try
        {
            await foreach (var item in method.InvokeStreamBoxed(router.Local, target, arguments).WithCancellation(context.RequestAborted))
            {
                body.Write([TransportProtocol.ItemTag]);
                body.Write(serializer.Serialize(item, method.ResultType));
                body.Write("\n"u8);
                await body.FlushAsync(context.RequestAborted);
            }
            body.Write(CompleteFrame);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            GrainCallActivities.RecordFailure(activity, exception);
            body.Write([TransportProtocol.ErrorTag]);
            body.Write(JsonSerializer.SerializeToUtf8Bytes(ExceptionPayload.From(exception), serializer.Options));
            body.Write("\n"u8);
        }
        await body.FlushAsync(context.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private async Task WriteErrorAsync(HttpContext context, Exception exception)
    {
        var unavailable = exception is SiloUnavailableException;
        context.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers[TransportProtocol.OutcomeHeader] = unavailable ? TransportProtocol.OutcomeUnavailable : TransportProtocol.OutcomeError;
        context.Response.ContentType = TransportProtocol.JsonContentType;
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(ExceptionPayload.From(exception), serializer.Options), context.RequestAborted);
    }
}

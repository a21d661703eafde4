using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Runtime.Diagnostics;
using Runtime.Hosting;
using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Serialization;

namespace Runtime.Transport;

/// <summary>Sends grain calls to a silo over HTTP/2 (h2c, prior knowledge) on one shared connection pool.</summary>
internal sealed class GrainTransportClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new(TransportProtocol.JsonContentType);
    private readonly HttpClient _http;
    private readonly GrainSerializer _serializer;

    public GrainTransportClient(GrainSerializer serializer)
    {
        _serializer = serializer;
        _http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseProxy = false,
            // The transport writes the trace context itself, from the grain call's span (TraceContextHeaders). Left
            // on, HttpClient would also wrap each call in an HTTP span of its own and look at every request's headers.
            ActivityHeadersPropagator = null,
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<T> InvokeAsync<T>(SiloAddress silo, GrainId target, GrainMethod method, object?[] arguments, int hops = 0)
    {
        using var activity = GrainCallActivities.StartClient(target, method.Name, silo);
        try
        {
            var cancellation = method.GetCancellationToken(arguments);
            using var request = CreateRequest(silo, stream: false, target, method, arguments, hops);
            using var response = await SendAsync(silo, request, HttpCompletionOption.ResponseContentRead, cancellation).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
            ThrowIfFailed(silo, response, body);
            return (T)_serializer.Deserialize(body, typeof(T))!;
        }
        catch (Exception exception)
        {
            GrainCallActivities.RecordFailure(activity, exception);
            throw;
        }
    }

    public async IAsyncEnumerable<T> InvokeStream<T>(
        SiloAddress silo, GrainId target, GrainMethod method, object?[] arguments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Held in a local and ended by the using: inside an async iterator Activity.Current is the consumer's again
        // after each yield. It is current while the request is built, which is when its context is written.
        using var activity = GrainCallActivities.StartClient(target, method.Name, silo);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, method.GetCancellationToken(arguments));
        var token = linked.Token;
        using var request = CreateRequest(silo, stream: true, target, method, arguments, hops: 0);
        HttpResponseMessage? opened = null;
        Stream body;
        try
        {
            opened = await SendAsync(silo, request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            if (opened.Headers.Contains(TransportProtocol.OutcomeHeader))
            {
                ThrowIfFailed(silo, opened, await opened.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
            }
            body = await opened.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            opened?.Dispose();
            GrainCallActivities.RecordFailure(activity, exception);
            throw;
        }
        using var response = opened;
        var reader = PipeReader.Create(body);
        var typeInfo = _serializer.Options.GetTypeInfo(typeof(T));
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                GrainCallActivities.RecordFailure(activity, exception);
                throw;
            }
            var buffer = read.Buffer;
            var items = new List<T>();
            var completed = false;
            Exception? failure = null;
            while (!completed && failure is null && StreamFrameReader.TryRead(ref buffer, out var tag, out var payload))
            {
                var json = new Utf8JsonReader(payload);
                switch (tag)
                {
                    case TransportProtocol.ItemTag:
                        items.Add((T)JsonSerializer.Deserialize(ref json, typeInfo)!);
                        break;
                    case TransportProtocol.ErrorTag:
                        failure = (JsonSerializer.Deserialize<ExceptionPayload>(ref json, _serializer.Options)
                            ?? throw new InvalidDataException("Empty error frame.")).ToException();
                        break;
                    case TransportProtocol.CompleteTag:
                        completed = true;
                        break;
                    default:
                        throw new InvalidDataException($"Unknown stream frame '{(char)tag}' from silo {silo.Endpoint}.");
                }
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var item in items)
            {
                yield return item;
            }
            if (failure is not null)
            {
                GrainCallActivities.RecordFailure(activity, failure);
                throw failure;
            }
            if (completed)
            {
                await reader.CompleteAsync().ConfigureAwait(false);
                yield break;
            }
            if (read.IsCompleted)
            {
                var cut = new SiloUnavailableException($"Silo {silo.Endpoint} ended the stream before it was complete.");
                GrainCallActivities.RecordFailure(activity, cut);
                throw cut;
            }
        }
    }

    /// <summary>Relays a call that reached the wrong silo to its owner, bytes in and bytes out.</summary>
    public async Task ForwardAsync(SiloAddress owner, HttpContext context, int hops)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri(owner, context.Request.Path + context.Request.QueryString))
        {
            // HttpClient.DefaultRequestVersion only applies to requests HttpClient builds itself; a message built
            // here would go out as HTTP/1.1, which the HTTP/2-only transport listener rejects with 400.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamContent(context.Request.Body),
        };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.Add(TransportProtocol.HopsHeader, hops.ToString(System.Globalization.CultureInfo.InvariantCulture));
        TraceContextHeaders.Copy(context.Request.Headers, request.Headers);
        using var response = await SendAsync(owner, request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Headers.TryGetValues(TransportProtocol.OutcomeHeader, out var outcome))
        {
            context.Response.Headers[TransportProtocol.OutcomeHeader] = outcome.First();
        }
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage CreateRequest(SiloAddress silo, bool stream, GrainId target, GrainMethod method, object?[] arguments, int hops)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RequestUri(silo, TransportProtocol.CallPath(stream, target, method.Name)))
        {
            // As in ForwardAsync: explicit, or the request is sent as HTTP/1.1 and the HTTP/2-only listener answers 400.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(ArgumentCodec.Write(_serializer, method, arguments)),
        };
        request.Content.Headers.ContentType = JsonType;
        if (hops > 0)
        {
            request.Headers.Add(TransportProtocol.HopsHeader, hops.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        TraceContextHeaders.Write(request.Headers);
        return request;
    }

    /// <summary>
    /// One absolute string parsed once, rather than the path parsed as a relative URI and then resolved against the
    /// silo's base URI: same URI, less work and about 70 bytes less per call. The path always starts with '/'.
    /// </summary>
    private static Uri RequestUri(SiloAddress silo, string pathAndQuery) => new(silo.TransportOrigin + pathAndQuery);

    private async Task<HttpResponseMessage> SendAsync(SiloAddress silo, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellation)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new SiloUnavailableException($"Cannot reach silo {silo.Endpoint}: {exception.Message}", exception);
        }
    }

    private void ThrowIfFailed(SiloAddress silo, HttpResponseMessage response, byte[] body)
    {
        if (!response.Headers.TryGetValues(TransportProtocol.OutcomeHeader, out var values))
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            throw new SiloUnavailableException(
                $"Silo {silo.Endpoint} answered HTTP/{response.Version} {(int)response.StatusCode} {response.ReasonPhrase}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}");
        }
        var payload = JsonSerializer.Deserialize<ExceptionPayload>(body, _serializer.Options)
            ?? throw new InvalidDataException($"Silo {silo.Endpoint} sent an empty error.");
        throw values.First() == TransportProtocol.OutcomeUnavailable
            ? new SiloUnavailableException(payload.Message)
            : payload.ToException();
    }
}

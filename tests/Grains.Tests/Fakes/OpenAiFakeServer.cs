using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grains.Tests.Fakes;

/// <summary>
/// An in-process OpenAI-compatible server on 127.0.0.1 (a fresh port per instance) answering
/// POST /v1/chat/completions and /chat/completions with scripted behaviours, recording every request.
/// </summary>
public sealed class OpenAiFakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OpenAiFakeBehavior> _script = new();
    private readonly ConcurrentQueue<OpenAiRecordedRequest> _requests = new();
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OpenAiFakeServer(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as the model's Endpoint (ends in /v1).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Used when the script is empty.</summary>
    public OpenAiFakeBehavior DefaultBehavior { get; set; } = OpenAiFakeBehavior.Answer(5);

    public IReadOnlyList<OpenAiRecordedRequest> Requests => [.. _requests];

    public static async Task<OpenAiFakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var server = new OpenAiFakeServer(builder.Build());
        server._app.MapPost("/v1/chat/completions", (RequestDelegate)server.HandleAsync);
        server._app.MapPost("/chat/completions", (RequestDelegate)server.HandleAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri($"{address.TrimEnd('/')}/v1");
        return server;
    }

    /// <summary>Replies for the next requests, in order.</summary>
    public void Enqueue(params OpenAiFakeBehavior[] behaviors)
    {
        foreach (var behavior in behaviors)
        {
            _script.Enqueue(behavior);
        }
    }

    /// <summary>
    /// Lets a <see cref="OpenAiFakeBehaviorKind.CutStream"/> reply abort. The test calls it once the chunks
    /// before the cut have arrived: aborting while they sit in Kestrel's buffers would drop them.
    /// </summary>
    public void ReleaseCut() => _cut.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        _cut.TrySetCanceled();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = OpenAiWireFormat.ParseRequest(body.RootElement, context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault());
        _requests.Enqueue(request);
        var behavior = _script.TryDequeue(out var next) ? next : DefaultBehavior;
        var model = (request.Model ?? "unknown") + OpenAiWireFormat.ModelVersionSuffix;

        switch (behavior.Kind)
        {
            case OpenAiFakeBehaviorKind.Throttle:
                context.Response.Headers["retry-after"] = behavior.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteErrorAsync(context, 429, OpenAiWireFormat.Error(behavior.ErrorMessage, "requests", "rate_limit_exceeded"));
                return;
            case OpenAiFakeBehaviorKind.ServerError:
                await WriteErrorAsync(context, 500, OpenAiWireFormat.Error(behavior.ErrorMessage, "server_error", null));
                return;
            case OpenAiFakeBehaviorKind.BadRequest:
                await WriteErrorAsync(context, 400, OpenAiWireFormat.Error(behavior.ErrorMessage, "invalid_request_error", null, "messages"));
                return;
        }

        // Like OpenAI, stop at the output cap and say so.
        var tokens = Math.Min(behavior.Tokens, request.OutputCap ?? int.MaxValue);
        var finishReason = tokens < behavior.Tokens ? "length" : "stop";
        if (!request.Stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(OpenAiWireFormat.Completion(model, OpenAiFakeBehavior.AnswerText(tokens), finishReason, behavior.PromptTokens, tokens));
            return;
        }

        context.Response.ContentType = "text/event-stream";
        await SendAsync(context, OpenAiWireFormat.Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        var sent = behavior.Kind == OpenAiFakeBehaviorKind.Answer ? tokens : behavior.ChunksBeforeFailure;
        for (var i = 0; i < sent; i++)
        {
            await SendAsync(context, OpenAiWireFormat.Chunk(model, new JsonObject { ["content"] = OpenAiFakeBehavior.Token(i) }, null));
        }

        switch (behavior.Kind)
        {
            case OpenAiFakeBehaviorKind.CutStream:
                await _cut.Task.WaitAsync(context.RequestAborted);
                context.Abort();
                return;
            case OpenAiFakeBehaviorKind.TruncateStream:
                return;
            case OpenAiFakeBehaviorKind.Hang:
                await WaitForClientToLeaveAsync(context);
                return;
            case OpenAiFakeBehaviorKind.MalformedChunk:
                await context.Response.WriteAsync("data: {\"choices\": [\n\n");
                return;
        }

        await SendAsync(context, OpenAiWireFormat.Chunk(model, [], finishReason));
        if (request.IncludeUsage)
        {
            await SendAsync(context, OpenAiWireFormat.UsageChunk(model, behavior.PromptTokens, tokens));
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task WaitForClientToLeaveAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away (or the server is stopping): the only way out of a hang.
        }
    }

    private static async Task SendAsync(HttpContext context, string json)
    {
        await context.Response.WriteAsync($"data: {json}\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}

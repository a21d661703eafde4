using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grains.Tests.Fakes;

/// <summary>
/// Anthropic's Messages API on Kestrel (127.0.0.1, a free port), one per test: JSON and SSE answers, and
/// the failures the provider must classify.
/// </summary>
public sealed class AnthropicFakeServer : IAsyncDisposable
{
    public const string ApiKey = "sk-ant-fake-key";
    public const int RetryAfterSeconds = 7;

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private AnthropicFakeServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public AnthropicFakeBehavior Behavior { get; set; } = AnthropicFakeBehavior.Answer;

    /// <summary>Prompt-cache tokens (read, written) reported in the usage of every answer; none when null.</summary>
    public (int Read, int Write)? CacheUsage { get; set; }

    /// <summary>Request bodies as received, for assertions on what the provider sent.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public static async Task<AnthropicFakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new AnthropicFakeServer(app);
        app.MapPost("/v1/messages", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Lets a <see cref="AnthropicFakeBehavior.CutStream"/> response drop its connection now.</summary>
    public void CutNow() => _cut.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        Requests.Enqueue(body);
        // The API takes the key as x-api-key or, as this SDK version sends it, as a bearer token.
        if (context.Request.Headers["x-api-key"] != ApiKey && context.Request.Headers.Authorization != $"Bearer {ApiKey}")
        {
            await ErrorAsync(context, 401, "authentication_error", "invalid x-api-key");
            return;
        }
        switch (Behavior)
        {
            case AnthropicFakeBehavior.Throttle:
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                await ErrorAsync(context, 429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
                return;
            case AnthropicFakeBehavior.Overloaded:
                await ErrorAsync(context, 529, "overloaded_error", "Overloaded");
                return;
            case AnthropicFakeBehavior.ServerError:
                await ErrorAsync(context, 500, "api_error", "Internal server error");
                return;
            case AnthropicFakeBehavior.BadRequest:
                await ErrorAsync(context, 400, "invalid_request_error", "messages: at least one message is required");
                return;
        }
        var model = body["model"]!.GetValue<string>();
        if (body["stream"]?.GetValue<bool>() != true)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(AnthropicFakeEvents.Message(model, CacheUsage));
            return;
        }
        context.Response.ContentType = "text/event-stream";
        var events = Behavior == AnthropicFakeBehavior.Answer ? AnthropicFakeEvents.Stream(model, CacheUsage) : AnthropicFakeEvents.StreamHead(model);
        foreach (var json in events)
        {
            await SendEventAsync(context, json);
        }
        if (Behavior == AnthropicFakeBehavior.StreamErrorEvent)
        {
            await SendEventAsync(context, AnthropicFakeEvents.Error("overloaded_error", "Overloaded"));
        }
        else if (Behavior == AnthropicFakeBehavior.CutStream)
        {
            // Bounded, so a test that never calls CutNow still ends; the cut itself is driven by the test.
            try
            {
                await _cut.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
            }
            context.Abort();
        }
    }

    private static async Task SendEventAsync(HttpContext context, string json)
    {
        await context.Response.WriteAsync($"event: {AnthropicFakeEvents.TypeOf(json)}\ndata: {json}\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(AnthropicFakeEvents.Error(type, message));
    }

    public async ValueTask DisposeAsync()
    {
        // Tests that need a refused connection stop the fake early; the fixture disposes it again.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _cut.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

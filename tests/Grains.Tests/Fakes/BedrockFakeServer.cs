using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grains.Tests.Fakes;

/// <summary>
/// The Bedrock runtime on Kestrel (127.0.0.1, a free port), one per test: Converse/ConverseStream and
/// InvokeModel/InvokeModelWithResponseStream (Claude), with SigV4 checking and the failures providers classify.
/// </summary>
public sealed class BedrockFakeServer : IAsyncDisposable
{
    public const string AccessKey = "AKIAFAKEBEDROCK00001";
    public const string SecretKey = "fake/bedrock/secret+key";
    public const string SessionToken = "fake-session-token";
    public const string Region = "eu-west-3";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private BedrockFakeServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public BedrockFakeBehavior Behavior { get; set; } = BedrockFakeBehavior.Answer;

    /// <summary>Sent as <c>retry-after</c> on throttling when set; Bedrock itself usually sends none.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Prompt-cache tokens (read, written) reported in the usage of every answer, in each API's format; none when null.</summary>
    public (int Read, int Write)? CacheUsage { get; set; }

    public ConcurrentQueue<BedrockFakeRequest> Requests { get; } = new();

    public static async Task<BedrockFakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new BedrockFakeServer(app);
        app.MapPost("/model/{modelId}/{operation}", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Lets a <see cref="BedrockFakeBehavior.CutStream"/> response drop its connection now.</summary>
    public void CutNow() => _cut.TrySetResult();

    private async Task HandleAsync(HttpContext context, string modelId, string operation)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (BedrockSigV4Verifier.Verify(context, body, AccessKey, SecretKey, SessionToken, Region) is { } reason)
        {
            await ErrorAsync(context, 403, "InvalidSignatureException", reason);
            return;
        }
        var json = (JsonObject)JsonNode.Parse(body)!;
        Requests.Enqueue(new BedrockFakeRequest(operation, modelId, context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["X-Amz-Security-Token"], json));
        if (await FailAsync(context))
        {
            return;
        }
        switch (operation)
        {
            case "converse":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(BedrockFakeConverse.Response(CacheUsage));
                return;
            case "converse-stream":
                await StreamAsync(context, Behavior == BedrockFakeBehavior.Answer ? BedrockFakeConverse.Stream(CacheUsage) : BedrockFakeConverse.StreamHead());
                return;
            case "invoke" or "invoke-with-response-stream" when json["anthropic_version"]?.GetValue<string>() != "bedrock-2023-05-31" || json.ContainsKey("model"):
                // What Bedrock says when the body is the Anthropic API's rather than Bedrock's shape.
                await ErrorAsync(context, 400, "ValidationException", "Malformed input request: anthropic_version must be bedrock-2023-05-31");
                return;
            case "invoke":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(AnthropicFakeEvents.Message(modelId, CacheUsage));
                return;
            case "invoke-with-response-stream":
                var events = Behavior == BedrockFakeBehavior.Answer ? AnthropicFakeEvents.Stream(modelId, CacheUsage) : AnthropicFakeEvents.StreamHead(modelId);
                await StreamAsync(context, events.Select(BedrockFakeFrames.Chunk));
                return;
            default:
                await ErrorAsync(context, 404, "UnknownOperationException", $"unknown operation {operation}");
                return;
        }
    }

    private async Task<bool> FailAsync(HttpContext context)
    {
        switch (Behavior)
        {
            case BedrockFakeBehavior.Throttle:
                if (RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString();
                }
                await ErrorAsync(context, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
                return true;
            case BedrockFakeBehavior.ModelNotReady:
                await ErrorAsync(context, 429, "ModelNotReadyException", "Model is not ready for inference. Wait and try your request again.");
                return true;
            case BedrockFakeBehavior.ServiceUnavailable:
                await ErrorAsync(context, 503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
                return true;
            case BedrockFakeBehavior.BadRequest:
                await ErrorAsync(context, 400, "ValidationException", "The provided request is not valid");
                return true;
            default:
                return false;
        }
    }

    private async Task StreamAsync(HttpContext context, IEnumerable<byte[]> frames)
    {
        context.Response.ContentType = "application/vnd.amazon.eventstream";
        context.Response.Headers["x-amzn-bedrock-content-type"] = "application/json";
        foreach (var frame in frames)
        {
            await context.Response.Body.WriteAsync(frame);
            await context.Response.Body.FlushAsync();
        }
        if (Behavior == BedrockFakeBehavior.StreamException)
        {
            await context.Response.Body.WriteAsync(BedrockFakeFrames.Exception("throttlingException", "Too many tokens, please wait before trying again."));
        }
        else if (Behavior == BedrockFakeBehavior.CutStream)
        {
            try
            {
                // Bounded, so a test that never calls CutNow still ends; the cut itself is driven by the test.
                await _cut.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
            }
            context.Abort();
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = $"{type}:http://internal.amazon.com/coral/com.amazon.bedrock/";
        await context.Response.WriteAsync(new JsonObject { ["message"] = message }.ToJsonString());
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

using System.ClientModel;
using System.ClientModel.Primitives;
using Grains.Models.Configuration;
using Microsoft.Extensions.AI;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// OpenAI and OpenAI-compatible endpoints (vLLM, Ollama, LiteLLM, fakes in tests) through the official SDK.
/// </summary>
public sealed class OpenAiModelProvider : IModelProvider
{
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    private readonly TimeProvider _time;

    /// <param name="time">Clock for retry-after given as an HTTP date.</param>
    public OpenAiModelProvider(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public string Name => "openai";

    public IChatClient CreateClient(string modelId, ModelOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(options);

        var endpoint = ParseEndpoint(modelId, options.Endpoint);
        var model = string.IsNullOrWhiteSpace(options.Model) ? modelId : options.Model;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // The retry layer owns retries, fallbacks and retry-after; SDK retries would multiply attempts
            // and sleep inside a call the model grain believes is in flight.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };

        var client = string.IsNullOrWhiteSpace(options.ApiKey)
            ? RequireLoopback(modelId, endpoint, clientOptions, model)
            : new SdkChatClient(model, new ApiKeyCredential(options.ApiKey), clientOptions);
        return new OpenAiChatClient(client, model, endpoint, _time);
    }

    private static SdkChatClient RequireLoopback(string modelId, Uri endpoint, OpenAIClientOptions clientOptions, string model)
    {
        // Local servers usually take no key; a remote one would only answer 401 on every call, so fail at startup.
        if (!endpoint.IsLoopback)
        {
            throw new ArgumentException(
                $"Model '{modelId}': Models:{modelId}:ApiKey is required for the openai provider unless the endpoint is a loopback address (endpoint host: {endpoint.Host}).",
                nameof(ModelOptions.ApiKey));
        }

        clientOptions.AddPolicy(new OpenAiStripAuthorizationPolicy(), PipelinePosition.BeforeTransport);
        return new SdkChatClient(model, new ApiKeyCredential("no-key"), clientOptions);
    }

    private static Uri ParseEndpoint(string modelId, string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DefaultEndpoint;
        }

        // The configured value is not echoed: endpoints can carry user-info or query-string keys.
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Model '{modelId}': Models:{modelId}:Endpoint must be an absolute http or https URL.", nameof(ModelOptions.Endpoint));
        }

        return endpoint;
    }
}

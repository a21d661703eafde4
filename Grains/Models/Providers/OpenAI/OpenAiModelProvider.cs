using Grains.Models.Configuration;
using Grains.Models.Providers.Http;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.OpenAI;

/// <summary>OpenAI and OpenAI-compatible endpoints (vLLM, Ollama, LiteLLM, fakes in tests) over HTTP.</summary>
public sealed class OpenAiModelProvider : IModelProvider
{
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    // One connection pool for every OpenAI model of the process; connections are renewed so DNS changes are seen.
    private static readonly SocketsHttpHandler Connections = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

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
        // Local servers usually take no key; a remote one would only answer 401 on every call, so fail at startup.
        if (string.IsNullOrWhiteSpace(options.ApiKey) && !endpoint.IsLoopback)
        {
            throw new ArgumentException(
                $"Model '{modelId}': Models:{modelId}:ApiKey is required for the openai provider unless the endpoint is a loopback address (endpoint host: {endpoint.Host}).",
                nameof(ModelOptions.ApiKey));
        }
        // Per model, for the model's name in error messages; the clients live as long as the process.
        var errors = new ErrorResponseHandler((response, body) => OpenAiErrorMapper.FromResponse(model, response, body, _time)) { InnerHandler = Connections };
        var http = new HttpClient(errors, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(100) };
        return new OpenAiChatClient(http, endpoint, string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey, model);
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

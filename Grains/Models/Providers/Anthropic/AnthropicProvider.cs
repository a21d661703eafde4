using Grains.Models.Providers.Http;
using Anthropic;
using Anthropic.Core;
using Grains.Models.Configuration;
using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Anthropic;

/// <summary>
/// Claude through Anthropic's own API, with the official SDK's <see cref="IChatClient"/>; long system prompts and
/// tool definitions are marked for prompt caching (<see cref="AnthropicPromptCachingChatClient"/>).
/// </summary>
public sealed class AnthropicProvider(TimeProvider? timeProvider = null) : IModelProvider
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Name => "anthropic";

    public IChatClient CreateClient(string modelId, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = ProviderEndpoint.Parse(modelId, options.Endpoint);
        if (string.IsNullOrWhiteSpace(options.ApiKey) && endpoint is not { IsLoopback: true })
        {
            // Loopback endpoints are local fakes or proxies that hold the key themselves.
            throw new ArgumentException($"Models:{modelId}:ApiKey is required for provider 'anthropic' unless Endpoint is a loopback address.", nameof(options));
        }
        var clientOptions = new ClientOptions
        {
            // Set explicitly: null tells the SDK to send no key rather than read one from the environment.
            ApiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey,
            // The model grain owns retries (backoff, fallback models); SDK retries would hide throttling from it.
            MaxRetries = 0,
            Handlers = [new ErrorResponseHandler((response, body) => AnthropicErrors.FromResponse(response, body, _time))],
        };
        if (endpoint is not null)
        {
            clientOptions.BaseUrl = ProviderEndpoint.Base(endpoint);
        }
        var sdk = new AnthropicClient(clientOptions);
        var model = options.Model ?? modelId;
        return new AnthropicErrorMappingChatClient(
            new AnthropicPromptCachingChatClient(
                sdk.AsIChatClient(model, options.DefaultMaxTokens),
                PromptCacheMinimum.Resolve(Name, model, options.PromptCacheMinTokens)),
            AnthropicErrors.KindOf,
            "Anthropic");
    }
}

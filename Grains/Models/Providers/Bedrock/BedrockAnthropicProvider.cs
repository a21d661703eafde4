using Grains.Models.Providers.Http;
using Anthropic;
using Anthropic.Bedrock;
using Grains.Models.Configuration;
using Grains.Models.Providers.Anthropic;
using Grains.Models.Providers.Credentials;
using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Claude on Bedrock (InvokeModel / InvokeModelWithResponseStream) through Anthropic.Bedrock, signed with
/// SigV4 from credentials resolved once per <see cref="ModelOptions.CredentialTtl"/>.
/// </summary>
public sealed class BedrockAnthropicProvider(TimeProvider? timeProvider = null, IAwsCredentialResolver? credentialResolver = null) : IModelProvider
{
    private static readonly Dictionary<string, string> BedrockVersionHeader = new() { ["anthropic-version"] = "bedrock-2023-05-31" };

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly IAwsCredentialResolver _resolver = credentialResolver ?? DefaultAwsCredentialResolver.Instance;

    public string Name => "bedrock-anthropic";

    public IChatClient CreateClient(string modelId, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = BedrockEndpoint.From(modelId, options);
        var signer = BedrockSigning.CreateSigner(modelId, options, endpoint, _resolver, _time);
        IAnthropicClient sdk = new AnthropicBedrockClient(new BedrockSigV4Credentials(signer)).WithOptions(o => o with
        {
            BaseUrl = endpoint.BaseUrl,
            // The model grain owns retries (backoff, fallback models); SDK retries would hide throttling from it.
            MaxRetries = 0,
            // The SDK copies this header into the body's anthropic_version, which Bedrock checks.
            ExtraHeaders = BedrockVersionHeader,
            Handlers = [new ErrorResponseHandler((response, body) => BedrockErrors.FromResponse(response, body, _time))],
        });
        var model = options.Model ?? modelId;
        return new AnthropicErrorMappingChatClient(
            // Bedrock takes the Messages API's cache_control as it is; the SDK only moves the model into the URL.
            new AnthropicPromptCachingChatClient(
                sdk.AsIChatClient(model, options.DefaultMaxTokens),
                PromptCacheMinimum.Resolve(Name, model, options.PromptCacheMinTokens)),
            // Exception frames in the stream arrive as SSE error events named after the Bedrock exception.
            (type, status) => BedrockErrors.TryKindOf(type) ?? AnthropicErrors.KindOf(type, status),
            "Bedrock");
    }
}

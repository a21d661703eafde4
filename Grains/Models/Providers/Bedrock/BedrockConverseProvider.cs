using Grains.Models.Providers.Http;
using Grains.Models.Configuration;
using Grains.Models.Providers.Credentials;
using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Bedrock models other than Claude (Nova, Llama, ...) through the Converse API, signed with SigV4; a long system
/// prompt gets a <c>cachePoint</c> on models that cache prompts.
/// </summary>
public sealed class BedrockConverseProvider(TimeProvider? timeProvider = null, IAwsCredentialResolver? credentialResolver = null) : IModelProvider
{
    // Generation can take minutes; HttpClient's 100 s default would cut long non-streaming answers.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly IAwsCredentialResolver _resolver = credentialResolver ?? DefaultAwsCredentialResolver.Instance;

    public string Name => "bedrock-converse";

    public IChatClient CreateClient(string modelId, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = BedrockEndpoint.From(modelId, options);
        var signer = BedrockSigning.CreateSigner(modelId, options, endpoint, _resolver, _time);
        // Errors are translated outside the signer so a rejected signature is classified like any other error.
        var pipeline = new ErrorResponseHandler((response, body) => BedrockErrors.FromResponse(response, body, _time))
        {
            InnerHandler = new AwsSigningHandler(signer)
            {
                InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            },
        };
        var http = new HttpClient(pipeline) { Timeout = RequestTimeout };
        var model = options.Model ?? modelId;
        return new BedrockConverseChatClient(http, endpoint.BaseUrl, model, options.DefaultMaxTokens,
            PromptCacheMinimum.Resolve(Name, model, options.PromptCacheMinTokens));
    }
}

using Grains.Models.Providers.Http;
using Grains.Models.Configuration;

namespace Grains.Models.Providers.Bedrock;

/// <summary>Region and runtime endpoint of a Bedrock model, from its options.</summary>
public sealed record BedrockEndpoint(string Region, string BaseUrl)
{
    public const string DefaultRegion = "us-east-1";

    /// <summary>The SigV4 signing name of the Bedrock runtime.</summary>
    public const string SigningService = "bedrock";

    public static BedrockEndpoint From(string modelId, ModelOptions options)
    {
        var region = string.IsNullOrWhiteSpace(options.Region) ? DefaultRegion : options.Region.Trim();
        var endpoint = ProviderEndpoint.Parse(modelId, options.Endpoint);
        return new BedrockEndpoint(region, endpoint is null ? $"https://bedrock-runtime.{region}.amazonaws.com" : ProviderEndpoint.Base(endpoint));
    }
}

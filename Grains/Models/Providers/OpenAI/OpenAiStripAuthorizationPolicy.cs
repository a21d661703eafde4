using System.ClientModel.Primitives;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// Removes the Authorization header for keyless loopback servers. The SDK's stable constructors demand a
/// credential (the policy-based one is experimental), and the placeholder must not be sent as a bearer token.
/// </summary>
internal sealed class OpenAiStripAuthorizationPolicy : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}

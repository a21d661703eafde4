using Grains.Models.Configuration;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Simulated;

/// <summary>The embedded default provider: <c>Provider = simulated</c>.</summary>
public sealed class SimulatedModelProvider(TimeProvider time) : IModelProvider
{
    public const string ProviderName = "simulated";

    public string Name => ProviderName;

    public IChatClient CreateClient(string modelId, ModelOptions options) => new SimulatedChatClient(modelId, options, time);
}

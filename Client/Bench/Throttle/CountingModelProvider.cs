using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Simulated;
using Microsoft.Extensions.AI;

namespace Client.Bench.Throttle;

/// <summary>The simulated provider under another name, counting what reaches it.</summary>
internal sealed class CountingModelProvider(TimeProvider time, ProviderCounters counters) : IModelProvider
{
    public const string ProviderName = "counted-simulated";

    private readonly SimulatedModelProvider _simulated = new(time);

    public string Name => ProviderName;

    public IChatClient CreateClient(string modelId, ModelOptions options) =>
        new CountingChatClient(_simulated.CreateClient(modelId, options), counters);
}

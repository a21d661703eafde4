using Grains.Models.Configuration;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Grains.Diagnostics;

/// <summary>
/// Wraps a provider so every call its clients make can be traced (<see cref="TracedChatClient"/>). The silo puts it
/// around the registered providers when telemetry is on; with telemetry off the clients are the providers' own.
/// </summary>
public sealed class TracedModelProvider(IModelProvider inner) : IModelProvider
{
    public string Name => inner.Name;

    public IChatClient CreateClient(string modelId, ModelOptions options) => new TracedChatClient(inner.CreateClient(modelId, options), modelId);
}

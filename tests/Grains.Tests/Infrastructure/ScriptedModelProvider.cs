using Grains.Models.Configuration;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Infrastructure;

/// <summary>A provider whose models do, call by call, what the test scripted; it records every call.</summary>
public sealed class ScriptedModelProvider : IModelProvider
{
    private readonly Dictionary<string, ScriptedChatClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    public string Name => "scripted";

    public IChatClient CreateClient(string modelId, ModelOptions options) => For(modelId);

    public ScriptedChatClient For(string modelId)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(modelId, out var client))
            {
                _clients[modelId] = client = new ScriptedChatClient(modelId);
            }
            return client;
        }
    }
}

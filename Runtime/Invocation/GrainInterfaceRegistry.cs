using System.Collections.Concurrent;

namespace Runtime.Invocation;

/// <summary>Grain interface metadata, built once per interface on first use.</summary>
public sealed class GrainInterfaceRegistry
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> _byType = new();
    private readonly ConcurrentDictionary<string, GrainInterfaceMetadata> _byName = new(StringComparer.Ordinal);

    public GrainInterfaceMetadata Get(Type interfaceType)
    {
        if (_byType.TryGetValue(interfaceType, out var metadata))
        {
            return metadata;
        }
        metadata = _byType.GetOrAdd(interfaceType, static t => new GrainInterfaceMetadata(t));
        _byName.TryAdd(metadata.Name, metadata);
        return metadata;
    }

    public bool TryGet(string interfaceName, out GrainInterfaceMetadata metadata) =>
        _byName.TryGetValue(interfaceName, out metadata!);
}

using System.Collections.Frozen;

namespace Runtime.Activation;

/// <summary>Maps each grain interface to the one class in the silo's grain assemblies that implements it.</summary>
internal sealed class GrainClassRegistry
{
    private readonly FrozenDictionary<string, GrainClassInfo> _byInterface;

    public GrainClassRegistry(IEnumerable<Type> grainClasses)
    {
        var map = new Dictionary<string, GrainClassInfo>(StringComparer.Ordinal);
        foreach (var grainClass in grainClasses.Distinct())
        {
            var info = new GrainClassInfo(grainClass);
            foreach (var grainInterface in GrainInterfacesOf(grainClass))
            {
                var name = grainInterface.FullName!;
                if (map.TryGetValue(name, out var existing) && existing.GrainClass != grainClass)
                {
                    throw new InvalidOperationException(
                        $"Grain interface {name} is implemented by both {existing.GrainClass.FullName} and {grainClass.FullName}; each grain interface needs exactly one grain class.");
                }
                map[name] = info;
            }
        }
        _byInterface = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<GrainClassInfo> Classes => _byInterface.Values.Distinct();

    public bool TryGet(string grainType, out GrainClassInfo info) => _byInterface.TryGetValue(grainType, out info!);

    public static bool IsGrainClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && GrainInterfacesOf(type).Any();

    private static IEnumerable<Type> GrainInterfacesOf(Type type) =>
        type.GetInterfaces().Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey));
}

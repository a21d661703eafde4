using System.Collections.Frozen;
using System.Reflection;

namespace Runtime.Invocation;

/// <summary>The callable methods of one grain interface, by MethodInfo (for proxies) and by name (for the wire).</summary>
public sealed class GrainInterfaceMetadata
{
    private readonly FrozenDictionary<MethodInfo, GrainMethod> _byMethod;
    private readonly FrozenDictionary<string, GrainMethod> _byName;

    public GrainInterfaceMetadata(Type interfaceType)
    {
        if (!interfaceType.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType.FullName} is not a grain interface (it must extend IGrainWithStringKey).");
        }
        InterfaceType = interfaceType;
        Name = interfaceType.FullName ?? interfaceType.Name;
        var methods = interfaceType.GetMethods()
            .Concat(interfaceType.GetInterfaces().SelectMany(i => i.GetMethods()))
            .Where(m => !m.IsStatic)
            .Distinct()
            .ToArray();
        var overloaded = methods.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (overloaded is not null)
        {
            throw new NotSupportedException($"Grain interface {Name} overloads {overloaded.Key}; give each grain method its own name.");
        }
        var described = methods.ToDictionary(m => m, GrainMethod.Create);
        _byMethod = described.ToFrozenDictionary();
        _byName = described.Values.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public Type InterfaceType { get; }
    public string Name { get; }
    public IEnumerable<GrainMethod> Methods => _byName.Values;

    public GrainMethod GetMethod(MethodInfo method) => _byMethod[method];

    public bool TryGetMethod(string name, out GrainMethod method) => _byName.TryGetValue(name, out method!);
}

using System.Reflection;

namespace Runtime.Serialization;

/// <summary>Types whose values cannot change after construction, so copying them buys nothing.</summary>
internal static class ImmutableTypes
{
    private static readonly HashSet<Type> Known =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
        typeof(Guid), typeof(Uri), typeof(Version), typeof(DateOnly), typeof(TimeOnly), typeof(VoidResult),
        typeof(GrainId),
    ];

    public static bool IsImmutable(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || Known.Contains(type))
        {
            return true;
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsImmutable(underlying);
        }
        return type.GetCustomAttribute<ImmutableAttribute>(inherit: false) is not null;
    }
}

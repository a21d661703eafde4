using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Runtime.Serialization;
using Runtime.Storage;

namespace Runtime.Activation;

/// <summary>
/// Builds grain objects: constructor parameters come from the silo's services, and parameters marked
/// [PersistentState] get a state bound to the grain's identity and the named store.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GrainSerializer serializer)
{
    [ThreadStatic]
    private static ActivationData? t_constructing;

    /// <summary>The activation whose grain object is being constructed on this thread, for the Grain base class.</summary>
    internal static IGrainContext? Constructing => t_constructing;

    public object CreateInstance(ActivationData activation, List<IPersistentStateLoader> states)
    {
        var grainClass = activation.ClassInfo.GrainClass;
        var constructor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.FullName} has no public constructor.");
        var arguments = constructor.GetParameters().Select(p => ResolveParameter(activation, p, states)).ToArray();
        var previous = t_constructing;
        t_constructing = activation;
        try
        {
            return constructor.Invoke(arguments);
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            throw invocation.InnerException;
        }
        finally
        {
            t_constructing = previous;
        }
    }

    private object? ResolveParameter(ActivationData activation, ParameterInfo parameter, List<IPersistentStateLoader> states)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Name}' of {activation.ClassInfo.GrainClass.Name} has [PersistentState] but is not an IPersistentState<T>.");
            }
            var storeName = attribute.StorageName ?? GrainStorageNames.Default;
            var store = services.GetKeyedService<IGrainStorage>(storeName)
                ?? throw new InvalidOperationException(
                    $"{activation.ClassInfo.GrainClass.Name} uses grain storage '{storeName}', which is not configured. Add it on the silo builder (AddMemoryGrainStorage or AddSqliteGrainStorage).");
            var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
            var state = Activator.CreateInstance(stateType, attribute.StateName, activation.GrainId, store, serializer)!;
            states.Add((IPersistentStateLoader)state);
            return state;
        }
        if (type == typeof(IGrainContext))
        {
            return activation;
        }
        if (type == typeof(IGrainFactory))
        {
            return activation.GrainFactory;
        }
        return services.GetService(type) ?? (parameter.HasDefaultValue
            ? parameter.DefaultValue
            : throw new InvalidOperationException(
                $"{activation.ClassInfo.GrainClass.Name} needs a {type.Name} for parameter '{parameter.Name}', and no such service is registered."));
    }
}

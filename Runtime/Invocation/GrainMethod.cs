using System.Linq.Expressions;
using System.Reflection;

namespace Runtime.Invocation;

/// <summary>
/// Everything the runtime needs to call one grain interface method: its shape, its argument types and a
/// compiled delegate, so that no call pays for reflection.
/// </summary>
public abstract class GrainMethod
{
    private readonly Func<object, object?[], object> _invoke;

    private protected GrainMethod(MethodInfo method, GrainMethodKind kind)
    {
        Method = method;
        Kind = kind;
        Name = method.Name;
        var parameters = method.GetParameters();
        ParameterTypes = parameters.Select(p => p.ParameterType).ToArray();
        CancellationTokenIndex = Array.FindIndex(ParameterTypes, t => t == typeof(CancellationToken));
        AlwaysInterleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
        _invoke = Compile(method, ParameterTypes);
    }

    public MethodInfo Method { get; }
    public string Name { get; }
    public GrainMethodKind Kind { get; }
    public Type[] ParameterTypes { get; }
    public abstract Type ResultType { get; }

    /// <summary>Index of the CancellationToken parameter, or -1. That argument is never serialized.</summary>
    public int CancellationTokenIndex { get; }

    public bool AlwaysInterleave { get; }

    public CancellationToken GetCancellationToken(object?[] arguments) =>
        CancellationTokenIndex >= 0 && arguments[CancellationTokenIndex] is CancellationToken token ? token : default;

    /// <summary>Calls the method on the grain object, returning whatever it returns (a Task, ValueTask or stream).</summary>
    public object InvokeOnGrain(object grain, object?[] arguments) => _invoke(grain, arguments);

    /// <summary>Called by a grain reference proxy: returns an object of the method's declared return type.</summary>
    public abstract object ProxyInvoke(IGrainCallInvoker invoker, GrainId target, object?[] arguments);

    /// <summary>Untyped entry for the transport server, which only knows the method at run time.</summary>
    public abstract Task<object?> InvokeBoxedAsync(IGrainCallInvoker invoker, GrainId target, object?[] arguments);

    public abstract IAsyncEnumerable<object?> InvokeStreamBoxed(IGrainCallInvoker invoker, GrainId target, object?[] arguments);

    public static GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        var (kind, resultType) = returnType switch
        {
            _ when returnType == typeof(Task) => (GrainMethodKind.Task, typeof(Serialization.VoidResult)),
            _ when returnType == typeof(ValueTask) => (GrainMethodKind.ValueTask, typeof(Serialization.VoidResult)),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (GrainMethodKind.TaskOfT, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (GrainMethodKind.ValueTaskOfT, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>) => (GrainMethodKind.AsyncEnumerable, returnType.GetGenericArguments()[0]),
            _ => throw new NotSupportedException(
                $"Grain method {method.DeclaringType?.FullName}.{method.Name} returns {returnType.Name}; grain methods must return Task, Task<T>, ValueTask, ValueTask<T> or IAsyncEnumerable<T>."),
        };
        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new NotSupportedException($"Grain method {method.DeclaringType?.FullName}.{method.Name} has a ref or out parameter.");
        }
        var type = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(type, BindingFlags.NonPublic | BindingFlags.Instance, null, [method, kind], null)!;
    }

    private static Func<object, object?[], object> Compile(MethodInfo method, Type[] parameterTypes)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            parameterTypes.Select((t, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), t)));
        return Expression.Lambda<Func<object, object?[], object>>(Expression.Convert(call, typeof(object)), grain, args).Compile();
    }
}

using System.Reflection;
using System.Runtime.CompilerServices;
using Runtime.Serialization;

namespace Runtime.Invocation;

/// <summary>A grain method whose result (or stream item) type is <typeparamref name="TResult"/>.</summary>
public sealed class GrainMethod<TResult> : GrainMethod
{
    internal GrainMethod(MethodInfo method, GrainMethodKind kind) : base(method, kind) { }

    public override Type ResultType => typeof(TResult);

    public override object ProxyInvoke(IGrainCallInvoker invoker, GrainId target, object?[] arguments) => Kind switch
    {
        GrainMethodKind.AsyncEnumerable => invoker.InvokeStream<TResult>(target, this, arguments),
        GrainMethodKind.ValueTaskOfT => new ValueTask<TResult>(invoker.InvokeAsync<TResult>(target, this, arguments)),
        GrainMethodKind.ValueTask => new ValueTask(invoker.InvokeAsync<TResult>(target, this, arguments)),
        _ => invoker.InvokeAsync<TResult>(target, this, arguments),
    };

    public override async Task<object?> InvokeBoxedAsync(IGrainCallInvoker invoker, GrainId target, object?[] arguments) =>
        await invoker.InvokeAsync<TResult>(target, this, arguments).ConfigureAwait(false);

    public override async IAsyncEnumerable<object?> InvokeStreamBoxed(IGrainCallInvoker invoker, GrainId target, object?[] arguments)
    {
        await foreach (var item in invoker.InvokeStream<TResult>(target, this, arguments).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Runs the method on the grain and adapts its awaitable to one shape.</summary>
    internal ValueTask<TResult> InvokeAwaitable(object grain, object?[] arguments)
    {
        var returned = InvokeOnGrain(grain, arguments);
        switch (returned)
        {
            case Task<TResult> typed:
                return new ValueTask<TResult>(typed);
            case ValueTask<TResult> valueTyped:
                return valueTyped;
            case Task plain:
                return plain.IsCompletedSuccessfully ? new ValueTask<TResult>(default(TResult)!) : AwaitVoid(plain);
            case ValueTask plainValue:
                return plainValue.IsCompletedSuccessfully ? new ValueTask<TResult>(default(TResult)!) : AwaitVoid(plainValue.AsTask());
            default:
                throw new InvalidOperationException($"{Name} returned {returned.GetType().Name}, not an awaitable.");
        }
    }

    internal IAsyncEnumerable<TResult> InvokeStream(object grain, object?[] arguments) =>
        (IAsyncEnumerable<TResult>)InvokeOnGrain(grain, arguments);

    private static async ValueTask<TResult> AwaitVoid(Task task)
    {
        await task.ConfigureAwait(true);
        return default!;
    }
}

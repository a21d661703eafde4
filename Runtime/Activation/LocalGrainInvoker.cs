using System.Diagnostics;
using Runtime.Diagnostics;
using Runtime.Invocation;
using Runtime.Serialization;

namespace Runtime.Activation;

/// <summary>
/// Sends calls to this silo's activations. Calls from grains and local code copy their arguments;
/// calls that arrived over the wire were just deserialized, so they skip that copy.
/// </summary>
internal sealed class LocalGrainInvoker(Catalog catalog, GrainSerializer serializer, bool copyArguments) : IGrainCallInvoker
{
    public Task<T> InvokeAsync<T>(GrainId target, GrainMethod method, object?[] arguments)
    {
        // Calls that arrived over the wire already run in the transport's server span.
        var caller = Activity.Current;
        var span = copyArguments ? GrainCallActivities.StartLocal(target, method.Name) : null;
        var work = new RequestWorkItem<T>(target, (GrainMethod<T>)method, Prepare(method, arguments), serializer);
        catalog.Dispatch(work);
        if (span is null)
        {
            return work.Task;
        }
        // The turn holds the span (the work item took it as its caller's activity); the caller goes on in its own.
        Activity.Current = caller;
        return EndAsync(span, work.Task);
    }

    private static async Task<T> EndAsync<T>(Activity span, Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            GrainCallActivities.RecordFailure(span, exception);
            throw;
        }
        finally
        {
            span.Stop();
        }
    }

    public IAsyncEnumerable<T> InvokeStream<T>(GrainId target, GrainMethod method, object?[] arguments) =>
        new LocalGrainStream<T>(catalog, target, (GrainMethod<T>)method, Prepare(method, arguments), serializer);

    private object?[] Prepare(GrainMethod method, object?[] arguments)
    {
        if (!copyArguments)
        {
            return arguments;
        }
        var types = method.ParameterTypes;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i != method.CancellationTokenIndex)
            {
                arguments[i] = serializer.Copy(arguments[i], types[i]);
            }
        }
        return arguments;
    }
}

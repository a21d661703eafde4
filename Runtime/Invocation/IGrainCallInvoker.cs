namespace Runtime.Invocation;

/// <summary>Where a grain reference sends its calls: the silo's router, or a client's transport.</summary>
public interface IGrainCallInvoker
{
    Task<T> InvokeAsync<T>(GrainId target, GrainMethod method, object?[] arguments);

    IAsyncEnumerable<T> InvokeStream<T>(GrainId target, GrainMethod method, object?[] arguments);
}

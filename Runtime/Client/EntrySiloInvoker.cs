using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Transport;

namespace Runtime.Client;

/// <summary>Sends every call to one chosen silo, whatever the membership view says owns the grain.</summary>
internal sealed class EntrySiloInvoker(GrainTransportClient transport, SiloAddress entry) : IGrainCallInvoker
{
    public Task<T> InvokeAsync<T>(GrainId target, GrainMethod method, object?[] arguments) =>
        transport.InvokeAsync<T>(entry, target, method, arguments);

    public IAsyncEnumerable<T> InvokeStream<T>(GrainId target, GrainMethod method, object?[] arguments) =>
        transport.InvokeStream<T>(entry, target, method, arguments);
}

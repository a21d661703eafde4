using System.Threading.Channels;
using Runtime.Invocation;
using Runtime.Serialization;

namespace Runtime.Activation;

/// <summary>
/// A call to a grain method returning IAsyncEnumerable: the grain enumerates inside its activation and
/// hands copies of the items to the caller through a bounded channel as they are produced.
/// The whole enumeration is one turn.
/// </summary>
internal sealed class StreamWorkItem<T> : WorkItem
{
    private const int BufferedItems = 256;

    private readonly GrainMethod<T> _method;
    private readonly object?[] _arguments;
    private readonly GrainSerializer _serializer;
    // Taken when the call is made: the caller disposes its token source when it stops enumerating, possibly
    // before this turn starts, and the turn must still run to its end (and release the activation).
    private readonly CancellationToken _token;
    private readonly Channel<T> _channel = Channel.CreateBounded<T>(
        new BoundedChannelOptions(BufferedItems) { SingleReader = true, SingleWriter = true });

    public StreamWorkItem(GrainId target, GrainMethod<T> method, object?[] arguments, GrainSerializer serializer, CancellationTokenSource cancellation)
        : base(target)
    {
        _method = method;
        _serializer = serializer;
        _token = cancellation.Token;
        _arguments = arguments;
        if (method.CancellationTokenIndex >= 0)
        {
            _arguments[method.CancellationTokenIndex] = cancellation.Token;
        }
    }

    public ChannelReader<T> Reader => _channel.Reader;

    public override bool AlwaysInterleave => _method.AlwaysInterleave;

    public override void Start(ActivationData activation) => _ = RunAsync(activation);

    public override void Reject(Exception reason) => _channel.Writer.TryComplete(reason);

    private async Task RunAsync(ActivationData activation)
    {
        var token = _token;
        try
        {
            token.ThrowIfCancellationRequested();
            await foreach (var item in _method.InvokeStream(activation.GrainInstance!, _arguments).WithCancellation(token))
            {
                await _channel.Writer.WriteAsync(_serializer.Copy(item)!, token);
            }
            _channel.Writer.TryComplete();
        }
        catch (Exception exception)
        {
            _channel.Writer.TryComplete(exception);
        }
        finally
        {
            activation.OnTurnCompleted(this);
        }
    }
}

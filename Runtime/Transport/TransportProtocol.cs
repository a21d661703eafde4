namespace Runtime.Transport;

/// <summary>
/// The grain transport's wire format, over HTTP/2:
/// <c>POST /call/{grain type}/{method}?key=...</c> (one result) or <c>POST /stream/...</c> (a stream),
/// with a JSON array of the arguments as the body. A call's outcome travels in the <see cref="OutcomeHeader"/>;
/// a stream's body is lines of one tag byte and JSON: item, error, or complete. A call made inside a trace carries
/// the caller's trace context and baggage in the standard W3C headers (<see cref="TraceContextHeaders"/>).
/// </summary>
internal static class TransportProtocol
{
    public const string CallPrefix = "/call/";
    public const string StreamPrefix = "/stream/";
    public const string HopsHeader = "x-grain-hops";
    public const string OutcomeHeader = "x-grain-outcome";
    public const string OutcomeError = "error";
    public const string OutcomeUnavailable = "unavailable";
    public const string JsonContentType = "application/json";
    public const string StreamContentType = "application/x-grain-stream";
    public const string MembersPath = "/members";

    /// <summary>A call is forwarded at most this many times, so inconsistent views cannot bounce it forever.</summary>
    public const int MaxHops = 2;

    public const byte ItemTag = (byte)'i';
    public const byte ErrorTag = (byte)'e';
    public const byte CompleteTag = (byte)'c';

    public static string CallPath(bool stream, GrainId target, string method) =>
        $"{(stream ? StreamPrefix : CallPrefix)}{Uri.EscapeDataString(target.Type)}/{Uri.EscapeDataString(method)}?key={Uri.EscapeDataString(target.Key)}";
}

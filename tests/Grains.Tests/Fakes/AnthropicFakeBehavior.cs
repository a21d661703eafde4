namespace Grains.Tests.Fakes;

/// <summary>What a fake model endpoint does with the next request.</summary>
public enum AnthropicFakeBehavior
{
    Answer,
    Throttle,
    Overloaded,
    ServerError,
    BadRequest,
    /// <summary>Streams a few events, waits for the test to call CutNow, then drops the connection.</summary>
    CutStream,
    /// <summary>Streams a few events, then an <c>error</c> event (overloaded) instead of the rest.</summary>
    StreamErrorEvent,
}

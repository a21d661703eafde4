namespace Grains.Tests.Fakes;

/// <summary>What the fake Bedrock runtime does with the next request.</summary>
public enum BedrockFakeBehavior
{
    Answer,
    /// <summary>429 with <c>x-amzn-ErrorType: ThrottlingException</c>.</summary>
    Throttle,
    /// <summary>429 with <c>ModelNotReadyException</c>: same status as throttling, but a warm-up.</summary>
    ModelNotReady,
    /// <summary>503 ServiceUnavailableException.</summary>
    ServiceUnavailable,
    /// <summary>400 ValidationException.</summary>
    BadRequest,
    /// <summary>Streams a few frames, waits for the test to call CutNow, then drops the connection.</summary>
    CutStream,
    /// <summary>Streams a few frames, then a <c>throttlingException</c> exception frame.</summary>
    StreamException,
}

namespace Grains.Tests.Fakes;

/// <summary>What <see cref="OpenAiFakeServer"/> does with one request.</summary>
public enum OpenAiFakeBehaviorKind
{
    /// <summary>A normal answer, as JSON or as an SSE stream, whichever the request asked for.</summary>
    Answer,

    /// <summary>429 with retry-after and OpenAI's rate-limit error body.</summary>
    Throttle,

    /// <summary>500 with OpenAI's server_error body.</summary>
    ServerError,

    /// <summary>400 with OpenAI's invalid_request_error body.</summary>
    BadRequest,

    /// <summary>Streams some chunks, waits for <see cref="OpenAiFakeServer.ReleaseCut"/>, then aborts the connection.</summary>
    CutStream,

    /// <summary>Streams some chunks, then ends the response cleanly without a finish reason or [DONE].</summary>
    TruncateStream,

    /// <summary>Streams some chunks, then sends nothing until the client goes away.</summary>
    Hang,

    /// <summary>Streams some chunks, then one whose data is not JSON.</summary>
    MalformedChunk,
}

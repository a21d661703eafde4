namespace Client.Bench.Overhead;

/// <summary>One closed-loop worker's request: sent, answered, checked and timed.</summary>
internal interface ILoadProbe
{
    /// <returns>Stopwatch ticks from the send to the first body byte and to the end of the answer.</returns>
    Task<(long FirstByte, long Total)> SendAsync(CancellationToken cancellationToken);
}

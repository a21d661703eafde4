namespace Client.Bench.Overhead;

/// <summary>What one closed-loop run saw: every answer's latencies (ascending, ms), and the errors.</summary>
internal sealed record PointSamples(double[] TotalMs, double[] FirstByteMs, int Errors, string? FirstError, TimeSpan Elapsed);

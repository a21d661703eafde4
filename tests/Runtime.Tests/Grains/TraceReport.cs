namespace Runtime.Tests.Grains;

/// <summary>Where a grain call ran, and the current activity's ids there (null fields when there was none).</summary>
public sealed record TraceReport(string Silo, string? TraceId, string? SpanId, string? ParentSpanId);

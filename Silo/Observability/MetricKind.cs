namespace Silo.Observability;

/// <summary>How an instrument is exposed: a monotonic counter, a value that goes up and down, or a histogram.</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

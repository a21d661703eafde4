namespace Silo.Tests.Infrastructure;

/// <summary>
/// Meters are process-wide: every in-process silo's collector sees every other silo's measurements. Tests that
/// compare a collector's state before and after their own traffic run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsCollection
{
    public const string Name = "process-wide metrics";
}

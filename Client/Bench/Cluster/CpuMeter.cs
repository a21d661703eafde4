using System.Diagnostics;
using Client.Bench.Hosting;
using Client.Bench.Overhead;

namespace Client.Bench.Cluster;

/// <summary>Reads the CPU time of the bench's processes and of the whole machine at the start of a window and charges the difference at its end.</summary>
internal sealed class CpuMeter
{
    private readonly IReadOnlyList<SiloProcess> _silos;
    private readonly DynamoDbLocalProcess? _dynamoDb;
    private readonly long _started;
    private readonly TimeSpan _silosBefore;
    private readonly TimeSpan? _dynamoDbBefore;
    private readonly TimeSpan _benchBefore;
    private readonly TimeSpan? _machineBefore;

    private CpuMeter(IReadOnlyList<SiloProcess> silos, DynamoDbLocalProcess? dynamoDb)
    {
        _silos = silos;
        _dynamoDb = dynamoDb;
        _silosBefore = SilosTime();
        _dynamoDbBefore = dynamoDb?.CpuTime;
        _benchBefore = BenchTime();
        _machineBefore = MachineCpu.Busy();
        _started = Stopwatch.GetTimestamp();
    }

    public static CpuMeter Start(IReadOnlyList<SiloProcess> silos, DynamoDbLocalProcess? dynamoDb) => new(silos, dynamoDb);

    public CpuShare Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var silos = SilosTime() - _silosBefore;
        var dynamoDb = _dynamoDb?.CpuTime - _dynamoDbBefore;
        var bench = BenchTime() - _benchBefore;
        var machine = MachineCpu.Busy() - _machineBefore;
        return new CpuShare(
            silos / elapsed,
            dynamoDb / elapsed,
            bench / elapsed,
            // Clock ticks of /proc/stat are coarser than process times: a small negative rest is rounding, not a finding.
            machine is { } busy ? Math.Max(0, (busy - silos - (dynamoDb ?? TimeSpan.Zero) - bench) / elapsed) : null);
    }

    private TimeSpan SilosTime() => _silos.Aggregate(TimeSpan.Zero, (sum, silo) => sum + silo.CpuTime);

    private static TimeSpan BenchTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

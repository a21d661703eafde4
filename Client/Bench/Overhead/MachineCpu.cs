namespace Client.Bench.Overhead;

/// <summary>
/// Busy CPU time of the whole machine (Linux /proc/stat), so that each point can say how much of the machine
/// other processes took while it ran: on a shared 2-core box that, more than anything, moves the tail.
/// </summary>
internal static class MachineCpu
{
    // USER_HZ: the unit of /proc/stat, 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>CPU time spent outside idle and iowait since boot, or null where /proc/stat is missing.</summary>
    public static TimeSpan? Busy()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is not { Length: > 8 } || fields[0] != "cpu")
            {
                return null;
            }
            // user nice system idle iowait irq softirq steal: steal is time the hypervisor gave to someone else.
            var values = fields.Skip(1).Take(8).Select(long.Parse).ToArray();
            var busy = values[0] + values[1] + values[2] + values[5] + values[6] + values[7];
            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Globalization;

namespace Client.Bench.Cache;

/// <summary>The 1-minute load average (Linux), printed with the figures: a tail latency means little on a busy machine.</summary>
internal static class LoadAverage
{
    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
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

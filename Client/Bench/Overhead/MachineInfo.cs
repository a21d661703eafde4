using System.Runtime.InteropServices;

namespace Client.Bench.Overhead;

/// <summary>What the figures were measured on; they mean little without it.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string Runtime)
{
    public static MachineInfo Current() =>
        new(CpuModel(), Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}

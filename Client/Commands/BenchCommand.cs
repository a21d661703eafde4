using System.CommandLine;
using Client.Cli;
using Client.Commands.Bench;

namespace Client.Commands;

/// <summary>`client bench ...`: the benchmarks whose figures bench/README.md records.</summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand(GlobalOptions global)
        : base("bench", "Run a benchmark scenario; each prints a table and, as its last line, one JSON object.")
    {
        Add(new ThrottleBenchCommand(global));
        Add(new FanoutBenchCommand(global));
        Add(new OverheadBenchCommand(global));
        Add(new CacheBenchCommand(global));
        Add(new ClusterBenchCommand(global));
    }
}

using System.CommandLine;
using Client.Commands;

namespace Client.Cli;

/// <summary>The `client` command line: one subcommand per file under Commands/, sharing the global options.</summary>
internal static class ClientCommandLine
{
    public static RootCommand Create()
    {
        var global = new GlobalOptions();
        var root = new RootCommand("Command line for the LLM orchestration cluster: talks to silos through the cluster client.");
        root.Add(global.Silo);
        root.Add(new PingCommand(global));
        root.Add(new ChatCommand(global));
        root.Add(new ClusterCommand(global));
        root.Add(new JobCommand(global));
        root.Add(new BenchCommand(global));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would print each error and then the whole help text; the command line's
            // contract is one error line, so the errors share it.
            var messages = parse.Errors.Select(e => e.Message.TrimEnd('.'));
            ErrorReporter.Write($"{string.Join("; ", messages)}. See 'client --help'.");
            return ExitCodes.Failure;
        }
        return await parse.InvokeAsync();
    }
}

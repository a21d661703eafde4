using System.CommandLine;

namespace Client.Cli;

/// <summary>Options every command understands; recursive, so they may come before or after the command name.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultSilo = "http://127.0.0.1:8080";

    public Option<string> Silo { get; } = new("--silo")
    {
        Description = "HTTP address of any silo in the cluster; the client learns the others from it.",
        HelpName = "url",
        DefaultValueFactory = _ => DefaultSilo,
        Recursive = true,
    };
}

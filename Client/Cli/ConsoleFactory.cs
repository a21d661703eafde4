using Spectre.Console;

namespace Client.Cli;

internal static class ConsoleFactory
{
    /// <summary>
    /// The console commands write to. Spectre decides on ANSI from TERM alone, so output piped into a file or
    /// another program would carry escape codes; plain text is what scripts and tests read.
    /// </summary>
    public static IAnsiConsole Create() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Out = new AnsiConsoleOutput(Console.Out),
    });
}

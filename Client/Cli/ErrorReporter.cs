using Runtime;
using Runtime.Hosting;

namespace Client.Cli;

/// <summary>
/// Turns failures into the one `error: ...` line on stderr that the command line promises; users see what went
/// wrong, never a stack trace.
/// </summary>
internal static class ErrorReporter
{
    /// <summary>Runs a command body, mapping every failure to an error line and exit code.</summary>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception exception)
        {
            Write(Describe(exception));
            return ExitCodes.Failure;
        }
    }

    public static void Write(string message) =>
        // Exception messages may span lines (inner details, server text); the contract is one line.
        Console.Error.WriteLine($"error: {message.ReplaceLineEndings(" ").Trim()}");

    private static string Describe(Exception exception) => exception switch
    {
        // These already say what failed and where, in words meant for the user.
        SiloUnavailableException => exception.Message,
        ArgumentException argument => WithoutParameterSuffix(argument),
        RemoteGrainException remote => $"the grain failed with {remote.RemoteType}: {remote.Message}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    // ArgumentException appends " (Parameter 'name')", which names a C# parameter the user never typed.
    private static string WithoutParameterSuffix(ArgumentException exception)
    {
        var suffix = $" (Parameter '{exception.ParamName}')";
        return exception.ParamName is not null && exception.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? exception.Message[..^suffix.Length]
            : exception.Message;
    }
}

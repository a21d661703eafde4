namespace Client.Cli;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Any failure the user can act on: bad input, an unreachable or failing silo.</summary>
    public const int Failure = 1;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;
}

namespace Client.Bench.Overhead;

/// <summary>Names of routes in the table and the JSON.</summary>
internal static class OverheadNames
{
    public static string Of(BenchRoute route) => route switch
    {
        BenchRoute.SimulatedViaSilo => "simulated via silo",
        BenchRoute.OpenAiDirect => "openai direct",
        BenchRoute.OpenAiViaSilo => "openai via silo",
        _ => route.ToString(),
    };
}

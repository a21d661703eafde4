namespace Client.Bench.Overhead;

/// <summary>The three ways a completion is served in this bench.</summary>
internal enum BenchRoute
{
    /// <summary>The silo's in-process simulated model with zero latency: everything measured is the silo.</summary>
    SimulatedViaSilo,

    /// <summary>The zero-latency OpenAI-compatible upstream called directly: the baseline.</summary>
    OpenAiDirect,

    /// <summary>The same upstream behind the silo's openai model.</summary>
    OpenAiViaSilo,
}

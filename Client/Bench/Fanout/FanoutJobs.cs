using Grains.Interfaces.Jobs;

namespace Client.Bench.Fanout;

/// <summary>The job a scenario submits: each input runs the whole set, calls grouped per input, as the jobs API builds them.</summary>
internal static class FanoutJobs
{
    public static JobSpec Spec(FanoutScenario scenario)
    {
        var tools = FanoutConfiguration.SetTools(scenario.Set);
        var field = scenario.Set == FanoutConfiguration.Architect ? "description" : "slide";
        var calls = Enumerable.Range(0, scenario.Inputs)
            .SelectMany(group => tools.Select(tool => new ToolCall(tool, new Dictionary<string, string> { [field] = Input(scenario.Set, group) }, group)))
            .ToList();
        return new JobSpec(calls, scenario.Mode, scenario.MaxConcurrency);
    }

    /// <summary>For each call, the index of the call whose output it takes (validate_template after its template).</summary>
    public static IReadOnlyList<int?> Upstream(JobSpec spec) =>
        [.. spec.Calls.Select(call => call.Tool == FanoutConfiguration.Validator
            ? spec.Calls.Select((c, i) => (c, i)).Where(x => x.c.Group == call.Group && x.c.Tool == FanoutConfiguration.ValidatorInputFrom).Select(x => (int?)x.i).FirstOrDefault()
            : null)];

    private static string Input(string set, int group) => set == FanoutConfiguration.Architect
        ? "a serverless photo-sharing app with user uploads, thumbnails and a public feed"
        : $"Slide {group + 1}: consistent hashing, virtual nodes and how keys move when a node joins";
}

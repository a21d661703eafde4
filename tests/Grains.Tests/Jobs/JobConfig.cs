using System.Globalization;
using Grains.Interfaces.Jobs;

namespace Grains.Tests.Jobs;

/// <summary>Builds a silo configuration of models and tools, and job specs, for job tests.</summary>
public sealed class JobConfig
{
    public Dictionary<string, string?> Settings { get; } = new() { ["Retry:BaseDelay"] = "00:00:00" };

    /// <summary>
    /// Job tests count the clock's armed timers to know when model calls wait on it; budget slices arm timers of
    /// their own (tested in Models/Budgets), so job models admit call by call.
    /// </summary>
    private JobConfig Model(string model, string provider)
    {
        Settings[$"Models:{model}:Provider"] = provider;
        Settings[$"Models:{model}:Budget:SliceTerm"] = "00:00:00";
        return this;
    }

    /// <summary>A simulated model that answers <paramref name="outputTokens"/> tokens all at once, <paramref name="ttftMs"/> after the call, on the test clock.</summary>
    public JobConfig Simulated(string model, int ttftMs, int outputTokens = 4)
    {
        Model(model, "simulated");
        Settings[$"Models:{model}:TtftMs"] = ttftMs.ToString(CultureInfo.InvariantCulture);
        Settings[$"Models:{model}:TtftJitterMs"] = "0";
        Settings[$"Models:{model}:TokensPerSecond"] = "0";
        Settings[$"Models:{model}:OutputTokens"] = outputTokens.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    public JobConfig Scripted(string model)
    {
        return Model(model, "scripted");
    }

    public JobConfig Echo(string model = "echo")
    {
        return Model(model, "echo");
    }

    /// <summary>An LLM tool on <paramref name="model"/>.</summary>
    public JobConfig Tool(string name, string model, string prompt = "Answer {{question}}", TimeSpan? timeout = null, string? system = null)
    {
        Settings[$"Tools:{name}:Model"] = model;
        Settings[$"Tools:{name}:Prompt"] = prompt;
        Settings[$"Tools:{name}:MaxTokens"] = "100";
        if (timeout is { } t)
        {
            Settings[$"Tools:{name}:Timeout"] = t.ToString("c", CultureInfo.InvariantCulture);
        }
        if (system is not null)
        {
            Settings[$"Tools:{name}:System"] = system;
        }
        return this;
    }

    /// <summary>The seed pair: build_cfn_template (an LLM tool on <paramref name="model"/>) and validate_template (code, takes its output).</summary>
    public JobConfig TemplateTools(string model, string prompt = "Write a CloudFormation template in YAML for: {{description}}.")
    {
        Tool("build_cfn_template", model, prompt);
        Settings["Tools:validate_template:Code"] = "template-validator";
        Settings["Tools:validate_template:InputFrom"] = "build_cfn_template";
        Settings["Tools:validate_template:InputAs"] = "template";
        return this;
    }

    public static ToolCall Call(string tool, string question = "q", int group = 0) =>
        new(tool, new Dictionary<string, string> { ["question"] = question }, group);

    public static ToolCall Call(string tool, IReadOnlyDictionary<string, string> input, int group = 0) => new(tool, input, group);

    public static JobSpec Parallel(params ToolCall[] calls) => new(calls, JobMode.Parallel, 16);

    public static JobSpec Sequential(params ToolCall[] calls) => new(calls, JobMode.Sequential, 16);
}

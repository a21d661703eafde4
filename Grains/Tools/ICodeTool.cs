namespace Grains.Tools;

/// <summary>A tool that is code, not a model call: it shows that a job's steps need not all be LLM calls.</summary>
public interface ICodeTool
{
    string Name { get; }

    /// <summary>Input fields the tool cannot run without.</summary>
    IReadOnlyList<string> RequiredInputs { get; }

    /// <summary>Returns the tool's output; throws <see cref="ArgumentException"/> for input it cannot take.</summary>
    string Run(IReadOnlyDictionary<string, string> input);
}

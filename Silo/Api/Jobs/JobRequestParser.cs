using System.Text.Json;
using Grains.Interfaces.Jobs;
using Grains.Tools;
using Silo.Api.Errors;

namespace Silo.Api.Jobs;

/// <summary>
/// Reads a job submission: explicit calls (<c>{"tools":[{"tool","input"}]}</c>), a named tool set with one input
/// (<c>{"toolSet","input"}</c>) or a batch of inputs (<c>{"toolSet","inputs":[...]}</c>); plus <c>mode</c>
/// (parallel | sequential) and <c>maxConcurrency</c>. Every tool must exist and get the inputs its prompt needs.
/// </summary>
internal static class JobRequestParser
{
    public static JobSpec Parse(JsonElement root, ToolCatalog catalog, JobsOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ApiRequestException("The request body must be a JSON object.");
        }
        var calls = root.TryGetProperty("tools", out var tools) ? ExplicitCalls(tools, catalog) : SetCalls(root, catalog);
        if (calls.Count == 0)
        {
            throw new ApiRequestException("The job has no tool calls.", "tools");
        }
        if (calls.Count > options.MaxCalls)
        {
            throw new ApiRequestException($"A job may hold at most {options.MaxCalls} tool calls (Jobs:MaxCalls); this one has {calls.Count}.", "tools");
        }
        var mode = root.TryGetProperty("mode", out var m) ? m.ValueKind == JsonValueKind.String ? m.GetString() : null : "parallel";
        var jobMode = mode switch
        {
            "parallel" => JobMode.Parallel,
            "sequential" => JobMode.Sequential,
            _ => throw new ApiRequestException("'mode' must be \"parallel\" or \"sequential\".", "mode"),
        };
        var maxConcurrency = options.DefaultMaxConcurrency;
        if (root.TryGetProperty("maxConcurrency", out var cap))
        {
            if (cap.ValueKind != JsonValueKind.Number || !cap.TryGetInt32(out maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 1000)
            {
                throw new ApiRequestException("'maxConcurrency' must be an integer from 1 to 1000.", "maxConcurrency");
            }
        }
        return new JobSpec(calls, jobMode, maxConcurrency);
    }

    private static List<ToolCall> ExplicitCalls(JsonElement tools, ToolCatalog catalog)
    {
        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw new ApiRequestException("'tools' must be an array of {\"tool\": name, \"input\": {...}}.", "tools");
        }
        var calls = new List<ToolCall>();
        var index = 0;
        foreach (var item in tools.EnumerateArray())
        {
            var path = $"tools[{index}]";
            var name = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("tool", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
            if (name is null)
            {
                throw new ApiRequestException($"'{path}.tool' must be a tool name.", $"{path}.tool");
            }
            // Each explicit call is a group of its own: it has its own input.
            calls.Add(Call(catalog, name, item.TryGetProperty("input", out var input) ? input : default, $"{path}.input", group: index, groupTools: [name]));
            index++;
        }
        return calls;
    }

    private static List<ToolCall> SetCalls(JsonElement root, ToolCatalog catalog)
    {
        if (!root.TryGetProperty("toolSet", out var set) || set.ValueKind != JsonValueKind.String)
        {
            throw new ApiRequestException("Send 'tools' (a list of tool calls) or 'toolSet' (a configured set) with 'input' or 'inputs'.", "tools");
        }
        var setName = set.GetString()!;
        if (!catalog.TryGetSet(setName, out var members))
        {
            throw new ApiRequestException($"There is no tool set '{setName}'. Tool sets: {string.Join(", ", catalog.Sets)}.", "toolSet");
        }
        List<JsonElement> inputs = root.TryGetProperty("inputs", out var many)
            ? many.ValueKind == JsonValueKind.Array ? [.. many.EnumerateArray()] : throw new ApiRequestException("'inputs' must be an array of objects.", "inputs")
            : root.TryGetProperty("input", out var one) ? [one] : throw new ApiRequestException("A tool set needs 'input' (an object) or 'inputs' (an array of them).", "input");
        return [.. inputs.SelectMany((input, group) => members.Select(tool => Call(catalog, tool, input, inputs.Count == 1 ? "input" : $"inputs[{group}]", group, members)))];
    }

    private static ToolCall Call(ToolCatalog catalog, string tool, JsonElement input, string path, int group, IReadOnlyList<string> groupTools)
    {
        if (!catalog.TryGet(tool, out var options))
        {
            throw new ApiRequestException($"There is no tool '{tool}'. Tools: {string.Join(", ", catalog.Tools)}.", path);
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in input.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
        else if (input.ValueKind != JsonValueKind.Undefined && input.ValueKind != JsonValueKind.Null)
        {
            throw new ApiRequestException($"'{path}' must be an object of input fields.", path);
        }
        // A tool that takes another's output (InputFrom) gets it only from that tool in its own group.
        var upstreamInGroup = options.InputFrom is { } upstream && groupTools.Contains(upstream);
        var missing = catalog.RequiredInputs(tool, upstreamInGroup).Where(f => !values.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new ApiRequestException($"Tool '{tool}' needs input {string.Join(", ", missing.Select(f => $"'{f}'"))} in '{path}'.", path);
        }
        return new ToolCall(tool, values, group);
    }
}

using System.Text.Json;

namespace Client.Jobs;

/// <summary>What `client job` asks for: a tool set with one input; mode and cap only when the user set them.</summary>
internal sealed record JobSubmission(string Set, IReadOnlyDictionary<string, string> Input, string? Mode, int? MaxConcurrency)
{
    /// <summary>The body of POST /v1/jobs; unset options are left out so the silo's defaults apply.</summary>
    public string ToJson()
    {
        var body = new Dictionary<string, object> { ["toolSet"] = Set, ["input"] = Input };
        if (Mode is not null)
        {
            body["mode"] = Mode;
        }
        if (MaxConcurrency is { } cap)
        {
            body["maxConcurrency"] = cap;
        }
        return JsonSerializer.Serialize(body);
    }
}

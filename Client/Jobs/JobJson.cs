using System.Text.Json;
using System.Text.Json.Serialization;

namespace Client.Jobs;

/// <summary>
/// How the jobs API writes JSON: job views in camelCase, event data in snake_case. Enums are read by name or by
/// number, so the client also follows silos that still send event enums as numbers.
/// </summary>
internal static class JobJson
{
    public static readonly JsonSerializerOptions View = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static readonly JsonSerializerOptions Event = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };
}

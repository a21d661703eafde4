namespace Client.Jobs;

/// <summary>
/// The one input field each shipped tool set needs, so that `client job --set architect "..."` can take the text
/// as it is. The API does not publish a set's fields; for other sets the user names them with --input.
/// </summary>
internal static class ToolSetFields
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["architect"] = "description",
        ["slides"] = "slide",
    };

    public static string Known => string.Join(" and ", Fields.Keys);

    public static string? SingleField(string set) => Fields.GetValueOrDefault(set);
}

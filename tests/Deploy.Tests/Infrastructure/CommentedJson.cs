using System.Text.Json.Nodes;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// The strict YAML subset the compose files are written in: leading full-line '#' comments, then one JSON document.
/// JSON is valid YAML 1.2, so `docker compose` reads these files unchanged; anything else fails here.
/// </summary>
internal static class CommentedJson
{
    public static JsonObject Parse(string text, string name)
    {
        Assert.DoesNotContain('\t', text); // YAML forbids tabs as indentation; JSON would not mind, compose would.
        var lines = text.Split('\n');
        var first = 0;
        while (first < lines.Length && (lines[first].TrimStart().StartsWith('#') || lines[first].Trim().Length == 0))
        {
            first++;
        }
        var json = string.Join('\n', lines[first..]);
        try
        {
            return JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = System.Text.Json.JsonCommentHandling.Disallow })?.AsObject()
                ?? throw new InvalidOperationException($"{name} holds no document");
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"{name} is not '#' comments followed by one JSON document: {exception.Message}");
        }
    }

    public static JsonObject Read(string relative) => Parse(Repository.Read(relative), relative);
}

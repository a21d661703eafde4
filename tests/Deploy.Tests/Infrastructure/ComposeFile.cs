using System.Text.Json.Nodes;

namespace Deploy.Tests.Infrastructure;

/// <summary>A compose file (docker-compose.yml or an override in deploy/compose/), read through <see cref="CommentedJson"/>.</summary>
internal sealed class ComposeFile(string path, JsonObject root)
{
    public string Path { get; } = path;

    public JsonObject Root { get; } = root;

    public JsonObject Services => Root["services"]!.AsObject();

    public static ComposeFile Read(string relative) => new(relative, CommentedJson.Read(relative));

    /// <summary>The services built from the silo image (their build names deploy/Dockerfile).</summary>
    public IEnumerable<string> Silos(string dockerfile) =>
        Services.Where(s => s.Value!["build"]?["dockerfile"]?.GetValue<string>() == dockerfile).Select(s => s.Key);

    /// <summary>
    /// A service's environment in order: NAME and its value, or null for a bare NAME (passed through from the shell when
    /// set there). Both compose forms are read: a list of "NAME=VALUE" / "NAME", or a mapping.
    /// </summary>
    public List<KeyValuePair<string, string?>> Environment(string service)
    {
        var environment = Services[service]!["environment"];
        return environment switch
        {
            null => [],
            JsonArray list => [.. list.Select(item =>
            {
                var text = item!.GetValue<string>();
                var equals = text.IndexOf('=');
                return equals < 0 ? new KeyValuePair<string, string?>(text, null) : new(text[..equals], text[(equals + 1)..]);
            })],
            JsonObject map => [.. map.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.ToString()))],
            _ => throw new InvalidOperationException($"{Path}: services.{service}.environment is neither a list nor a mapping"),
        };
    }

    public Dictionary<string, string?> EnvironmentMap(string service)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in Environment(service))
        {
            Assert.False(map.ContainsKey(name), $"{Path}: services.{service} sets {name} twice");
            map[name] = value;
        }
        return map;
    }

    /// <summary>Published ports as (host address, host port, container port); short syntax "[ip:]host:container".</summary>
    public List<(string? Address, int HostPort, int ContainerPort)> Ports(string service) =>
        [.. (Services[service]!["ports"]?.AsArray() ?? []).Select(item =>
        {
            var parts = item!.GetValue<string>().Split('/')[0].Split(':');
            return parts.Length switch
            {
                3 => ((string?)parts[0], int.Parse(parts[1]), int.Parse(parts[2])),
                2 => (null, int.Parse(parts[0]), int.Parse(parts[1])),
                _ => throw new InvalidOperationException($"{Path}: services.{service}.ports entry '{item}' is not [ip:]host:container"),
            };
        })];

    /// <summary>A compose duration ("15s", "1m30s", "500ms").</summary>
    public static TimeSpan Duration(string text)
    {
        var total = TimeSpan.Zero;
        var match = System.Text.RegularExpressions.Regex.Matches(text, @"(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)");
        Assert.True(match.Count > 0 && string.Concat(match.Select(m => m.Value)) == text, $"'{text}' is not a compose duration");
        foreach (System.Text.RegularExpressions.Match part in match)
        {
            var amount = double.Parse(part.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                _ => TimeSpan.Zero,
            };
        }
        return total;
    }
}

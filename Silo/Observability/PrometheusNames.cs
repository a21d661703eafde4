using System.Text;

namespace Silo.Observability;

/// <summary>
/// OpenTelemetry names to Prometheus names, following the OpenTelemetry-to-Prometheus conventions: dots become
/// underscores, the unit is spelled out as a suffix (ms: _milliseconds) without converting values, annotations in
/// braces ({request}) are dropped, and counters end in _total.
/// </summary>
internal static class PrometheusNames
{
    public static string Family(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (UnitSuffix(unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }
        if (kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    /// <summary>A label name: [a-zA-Z_][a-zA-Z0-9_]*, never starting with the reserved "__".</summary>
    public static string Label(string tagName)
    {
        var name = Sanitize(tagName, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "tag" + name : name;
    }

    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        _ when unit.StartsWith('{') => null,
        "ms" => "milliseconds",
        "s" => "seconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "min" => "minutes",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        _ => Sanitize(unit, allowColon: false).Trim('_') is { Length: > 0 } spelled ? spelled : null,
    };

    private static string Sanitize(string text, bool allowColon)
    {
        var name = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }
        return name.ToString();
    }
}

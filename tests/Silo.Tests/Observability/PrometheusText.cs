using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Silo.Tests.Observability;

/// <summary>
/// An independent reader of the Prometheus text exposition format 0.0.4 that lists every rule a scrape breaks:
/// name and label syntax, escaping, HELP/TYPE once per family and TYPE before the samples, families not interleaved,
/// counters ending in _total, histograms with increasing le, cumulative buckets ending in +Inf equal to _count, and
/// no series twice. Written from the format's description, not from the silo's writer.
/// </summary>
internal sealed partial class PrometheusText
{
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly List<PrometheusSample> _samples = [];

    private PrometheusText()
    {
    }

    public IReadOnlyList<string> Violations => _violations;

    public IReadOnlyList<PrometheusSample> Samples => _samples;

    /// <summary>Family name to its TYPE.</summary>
    public IReadOnlyDictionary<string, string> Types => _types;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        parsed.Read(text);
        parsed.CheckHistograms();
        return parsed;
    }

    private void Read(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            _violations.Add("the exposition must end with a line feed");
        }
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "HELP" or "TYPE")
                {
                    var family = parts[2];
                    if (!MetricName().IsMatch(family))
                    {
                        _violations.Add($"line {number}: '{family}' is not a valid metric name");
                    }
                    if (parts[1] == "HELP" && !helps.Add(family))
                    {
                        _violations.Add($"line {number}: a second HELP for {family}");
                    }
                    if (parts[1] == "TYPE")
                    {
                        var type = parts.Length > 3 ? parts[3] : "";
                        if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                        {
                            _violations.Add($"line {number}: unknown type '{type}'");
                        }
                        if (!_types.TryAdd(family, type))
                        {
                            _violations.Add($"line {number}: a second TYPE for {family}");
                        }
                        if (_samples.Any(s => FamilyOf(s.Name) == family))
                        {
                            _violations.Add($"line {number}: TYPE of {family} comes after its samples");
                        }
                    }
                    Enter(family, number, ref current, finished);
                }
                continue;
            }
            if (ParseSample(line, number) is not { } sample)
            {
                continue;
            }
            _samples.Add(sample);
            var owner = FamilyOf(sample.Name);
            Enter(owner, number, ref current, finished);
            if (!series.Add(sample.SeriesKey()))
            {
                _violations.Add($"line {number}: series {sample.SeriesKey()} appears twice");
            }
            if (_types.GetValueOrDefault(owner) == "counter")
            {
                if (!sample.Name.EndsWith("_total", StringComparison.Ordinal))
                {
                    _violations.Add($"line {number}: counter sample {sample.Name} does not end in _total");
                }
                if (sample.Value < 0 || double.IsNaN(sample.Value))
                {
                    _violations.Add($"line {number}: counter {sample.Name} is {sample.Value}");
                }
            }
        }
    }

    /// <summary>All lines of a family come together: entering a family that was left before is a violation.</summary>
    private void Enter(string family, int number, ref string? current, HashSet<string> finished)
    {
        if (family == current)
        {
            return;
        }
        if (current is not null)
        {
            finished.Add(current);
        }
        if (finished.Contains(family))
        {
            _violations.Add($"line {number}: lines of {family} are not together");
        }
        current = family;
    }

    /// <summary>The family a sample belongs to: a histogram's _bucket/_sum/_count belong to the histogram.</summary>
    private string FamilyOf(string sampleName)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && _types.GetValueOrDefault(sampleName[..^suffix.Length]) == "histogram")
            {
                return sampleName[..^suffix.Length];
            }
        }
        return sampleName;
    }

    private PrometheusSample? ParseSample(string line, int number)
    {
        var name = MetricNamePrefix().Match(line);
        if (!name.Success)
        {
            _violations.Add($"line {number}: no valid metric name at the start of '{line}'");
            return null;
        }
        var position = name.Length;
        var labels = new List<KeyValuePair<string, string>>();
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (position < line.Length && line[position] != '}')
            {
                var label = LabelNamePrefix().Match(line[position..]);
                if (!label.Success || line.Length <= position + label.Length + 1 || line[position + label.Length] != '=' || line[position + label.Length + 1] != '"')
                {
                    _violations.Add($"line {number}: bad label at column {position + 1} of '{line}'");
                    return null;
                }
                if (label.Value.StartsWith("__", StringComparison.Ordinal))
                {
                    _violations.Add($"line {number}: label name {label.Value} is reserved");
                }
                if (labels.Any(l => l.Key == label.Value))
                {
                    _violations.Add($"line {number}: label {label.Value} appears twice");
                }
                position += label.Length + 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (position >= line.Length)
                    {
                        _violations.Add($"line {number}: unterminated label value");
                        return null;
                    }
                    var c = line[position++];
                    if (c == '"')
                    {
                        break;
                    }
                    if (c == '\\')
                    {
                        var escaped = position < line.Length ? line[position++] : '\0';
                        switch (escaped)
                        {
                            case '\\': value.Append('\\'); break;
                            case '"': value.Append('"'); break;
                            case 'n': value.Append('\n'); break;
                            default:
                                _violations.Add($"line {number}: invalid escape \\{escaped} in a label value");
                                break;
                        }
                        continue;
                    }
                    value.Append(c);
                }
                labels.Add(new(label.Value, value.ToString()));
                if (position < line.Length && line[position] == ',')
                {
                    position++;
                }
            }
            position++;
        }
        var rest = line[position..];
        if (!rest.StartsWith(' '))
        {
            _violations.Add($"line {number}: no space before the value in '{line}'");
            return null;
        }
        var fields = rest.Trim().Split(' ');
        if (fields.Length > 2 || !TryParseValue(fields[0], out var sampleValue) || (fields.Length == 2 && !long.TryParse(fields[1], out _)))
        {
            _violations.Add($"line {number}: '{rest.Trim()}' is not a value (and optional timestamp)");
            return null;
        }
        return new PrometheusSample(name.Value, labels, sampleValue, number);
    }

    private void CheckHistograms()
    {
        foreach (var (family, _) in _types.Where(t => t.Value == "histogram"))
        {
            var buckets = _samples.Where(s => s.Name == family + "_bucket").GroupBy(s => s.SeriesKey("le"));
            foreach (var group in buckets)
            {
                var where = $"histogram {group.Key}";
                var ordered = group.ToList();
                if (ordered.Any(b => b.Label("le") is null))
                {
                    _violations.Add($"{where}: a bucket without le");
                    continue;
                }
                var bounds = ordered.Select(b => TryParseValue(b.Label("le")!, out var v) ? v : double.NaN).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    if (!(bounds[i] > bounds[i - 1]))
                    {
                        _violations.Add($"{where}: le {ordered[i].Label("le")} does not increase after {ordered[i - 1].Label("le")}");
                    }
                    if (ordered[i].Value < ordered[i - 1].Value)
                    {
                        _violations.Add($"{where}: bucket le={ordered[i].Label("le")} has {ordered[i].Value}, fewer than the bucket before ({ordered[i - 1].Value}): not cumulative");
                    }
                }
                if (ordered[^1].Label("le") != "+Inf")
                {
                    _violations.Add($"{where}: the last bucket is le={ordered[^1].Label("le")}, not +Inf");
                }
                var key = group.Key[(family.Length + "_bucket".Length)..];
                var count = _samples.FirstOrDefault(s => s.Name == family + "_count" && s.SeriesKey()[(family.Length + "_count".Length)..] == key);
                var sum = _samples.FirstOrDefault(s => s.Name == family + "_sum" && s.SeriesKey()[(family.Length + "_sum".Length)..] == key);
                if (count is null || sum is null)
                {
                    _violations.Add($"{where}: missing _count or _sum");
                }
                else if (count.Value != ordered[^1].Value)
                {
                    _violations.Add($"{where}: _count is {count.Value} but the +Inf bucket is {ordered[^1].Value}");
                }
            }
        }
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            case "NaN": value = double.NaN; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricNamePrefix();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelNamePrefix();
}

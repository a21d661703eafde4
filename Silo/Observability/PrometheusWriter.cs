using System.Globalization;
using System.Text;

namespace Silo.Observability;

/// <summary>
/// The Prometheus text exposition format, version 0.0.4: per family one HELP and one TYPE line, then its samples,
/// all together; histograms as cumulative <c>_bucket{le=...}</c> lines ending in <c>+Inf</c>, then <c>_sum</c> and
/// <c>_count</c>.
/// </summary>
internal static class PrometheusWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<FamilySnapshot> families)
    {
        var text = new StringBuilder();
        foreach (var family in families)
        {
            if (family.Series.Count == 0)
            {
                // A family nobody has measured yet: TYPE without samples is legal but only noise.
                continue;
            }
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Kind)).Append('\n');
            foreach (var series in family.Series)
            {
                if (family.Kind == MetricKind.Histogram)
                {
                    WriteHistogram(text, family, series);
                }
                else
                {
                    Sample(text, family.Name, series.Labels, null, series.Value);
                }
            }
        }
        return text.ToString();
    }

    private static void WriteHistogram(StringBuilder text, FamilySnapshot family, SeriesSnapshot series)
    {
        var bounds = family.Bounds!;
        var counts = series.BucketCounts!;
        long cumulative = 0;
        for (var i = 0; i < bounds.Count; i++)
        {
            cumulative += counts[i];
            Sample(text, family.Name + "_bucket", series.Labels, Number(bounds[i]), cumulative);
        }
        cumulative += counts[^1];
        Sample(text, family.Name + "_bucket", series.Labels, "+Inf", cumulative);
        Sample(text, family.Name + "_sum", series.Labels, null, series.Sum);
        Sample(text, family.Name + "_count", series.Labels, null, cumulative);
    }

    private static void Sample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (label, labelValue) in labels)
            {
                text.Append(first ? "" : ",").Append(label).Append("=\"").Append(EscapeLabel(labelValue)).Append('"');
                first = false;
            }
            if (le is not null)
            {
                text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string TypeName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string EscapeHelp(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n");
}

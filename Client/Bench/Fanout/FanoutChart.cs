using System.Globalization;
using System.Net;
using System.Text;

namespace Client.Bench.Fanout;

/// <summary>
/// The results as an SVG bar chart for bench/README.md: per scenario, the makespan beside what the scheduler
/// could reach at best (the slowest tool for a parallel job, the sum for a sequential one, the list schedule for the batch).
/// </summary>
internal static class FanoutChart
{
    private const int Left = 190;
    private const int BarsWidth = 520;
    private const int RowHeight = 46;
    private const int Top = 40;

    public static void Write(string path, FanoutSummary summary)
    {
        var rows = summary.Rows;
        var longest = rows.Max(r => Math.Max(r.Median.MakespanMs, r.Median.IdealMs));
        var height = Top + rows.Count * RowHeight + 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + BarsWidth + 120}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"20\" font-size=\"14\">Job makespan vs ideal (ms, time scale {summary.Settings.TimeScale}, median of {summary.Settings.Runs} runs)</text>\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var run = rows[i].Median;
            var y = Top + i * RowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 20}\">{WebUtility.HtmlEncode(rows[i].Scenario.Name)}</text>\n");
            Bar(svg, y, run.MakespanMs / longest, "#3b7dd8", $"makespan {run.MakespanMs:0}");
            Bar(svg, y + 18, run.IdealMs / longest, "#b8c7db", $"ideal {run.IdealMs:0} (x{run.RatioToIdeal:0.000})");
        }
        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    private static void Bar(StringBuilder svg, int y, double share, string colour, string label)
    {
        var width = Math.Max(1, share * BarsWidth);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y + 6}\" width=\"{width:0.0}\" height=\"14\" fill=\"{colour}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + width + 6:0.0}\" y=\"{y + 17}\">{WebUtility.HtmlEncode(label)}</text>\n");
    }
}

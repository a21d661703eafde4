using System.Globalization;
using System.Net;
using System.Text;

namespace Client.Bench.Overhead;

/// <summary>
/// The headline figures as an SVG bar chart for bench/README.md, each beside the quoted peer gateway's. Rows have
/// their own scale (milliseconds and requests/s do not share an axis); the peer's bar is its most favourable value.
/// </summary>
internal static class OverheadChart
{
    private const int Left = 300;
    private const int BarsWidth = 400;
    private const int RowHeight = 50;
    private const int Top = 40;
    private const string Silo = "#3b7dd8";
    private const string Peer = "#b8c7db";

    public static void Write(string path, OverheadResults results)
    {
        var rows = Rows(results).Where(r => r.Silo is not null).ToList();
        var svg = new StringBuilder();
        var height = Top + rows.Count * RowHeight + 30;
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + BarsWidth + 140}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<text x=\"10\" y=\"20\" font-size=\"14\">What the silo adds in front of a zero-latency OpenAI-compatible model, beside a peer gateway</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{height - 12}\" fill=\"#555\">peer: {WebUtility.HtmlEncode(OverheadPeer.Name)}, on the same machine; its bar is its best quoted value</text>\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, silo, peer, higherIsBetter) = rows[i];
            var y = Top + i * RowHeight;
            var peerBest = higherIsBetter ? peer.High : peer.Low;
            var longest = Math.Max(silo!.Value, peerBest);
            var format = higherIsBetter ? "N0" : "0.###";
            var peerText = peer.Low == peer.High ? peer.Low.ToString(format, CultureInfo.InvariantCulture) : $"{peer.Low.ToString(format, CultureInfo.InvariantCulture)}-{peer.High.ToString(format, CultureInfo.InvariantCulture)}";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 22}\">{WebUtility.HtmlEncode(label)}</text>\n");
            Bar(svg, y, silo.Value / longest, Silo, $"silo {silo.Value.ToString(format, CultureInfo.InvariantCulture)}");
            Bar(svg, y + 18, peerBest / longest, Peer, $"peer {peerText}");
        }
        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    private static IEnumerable<(string Label, double? Silo, (double Low, double High) Peer, bool HigherIsBetter)> Rows(OverheadResults results) =>
    [
        ("added p50 at concurrency 1 (ms)", results.OpenAiAdded("json", 1)?.P50, OverheadPeer.AddedP50Ms, false),
        ("added p99 at concurrency 1 (ms)", results.OpenAiAdded("json", 1)?.P99, OverheadPeer.AddedP99Ms, false),
        ("first streamed byte, added (ms)", results.OpenAiFirstByteAdded(1)?.P50, OverheadPeer.FirstByteOverheadMs, false),
        ("requests/s at concurrency 64 (more is better)", results.Get(BenchRoute.OpenAiViaSilo, "json", 64)?.RequestsPerSecond, OverheadPeer.RequestsPerSecond, true),
    ];

    private static void Bar(StringBuilder svg, int y, double share, string colour, string label)
    {
        var width = Math.Max(1, share * BarsWidth);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y + 6}\" width=\"{width:0.0}\" height=\"14\" fill=\"{colour}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + width + 6:0.0}\" y=\"{y + 17}\">{WebUtility.HtmlEncode(label)}</text>\n");
    }
}

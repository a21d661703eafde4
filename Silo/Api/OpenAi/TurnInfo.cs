using Grains.Caching;

namespace Silo.Api.OpenAi;

/// <summary>Facts about a turn known before its first piece is sent, for the response headers.</summary>
internal sealed class TurnInfo
{
    public CacheOutcome Cache { get; set; } = CacheOutcome.Bypass;

    public double? CacheScore { get; set; }

    public void WriteHeaders(HttpResponse response)
    {
        response.Headers["X-Cache"] = Cache switch
        {
            CacheOutcome.Hit => "hit",
            CacheOutcome.SemanticHit => "semantic-hit",
            CacheOutcome.Miss => "miss",
            _ => "bypass",
        };
        if (CacheScore is { } score)
        {
            response.Headers["X-Cache-Score"] = score.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

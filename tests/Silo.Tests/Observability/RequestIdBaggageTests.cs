using System.Text.Json;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Observability;

/// <summary>
/// The request id rides on the request's activity as baggage, which the grain transport carries to other silos,
/// and JSON log lines show it in their scopes. Here one silo process: the line of a grain activation the request
/// caused carries the request's RequestId as baggage, beside ASP.NET Core's own request scope.
/// </summary>
public sealed class RequestIdBaggageTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_json_log_line_written_for_a_request_carries_its_request_id_as_baggage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            ["Logging__LogLevel__Runtime"] = "Debug",
        });
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var session = $"rid-{Guid.NewGuid():N}";

        using var response = await http.GetAsync($"/v1/sessions/{session}", ct);

        var line = await silo.Output.WaitForAsync(l => l.Contains("Activating", StringComparison.Ordinal) && l.Contains(session, StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), ct);
        using var json = JsonDocument.Parse(line);
        var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        var request = Assert.Single(scopes, s => s.TryGetProperty("RequestPath", out _));
        var baggage = Assert.Single(scopes, s => s.TryGetProperty("RequestId", out _) && !s.TryGetProperty("RequestPath", out _));
        Assert.Equal(request.GetProperty("RequestId").GetString(), baggage.GetProperty("RequestId").GetString());
        Assert.Equal($"/v1/sessions/{session}", request.GetProperty("RequestPath").GetString());
    }
}

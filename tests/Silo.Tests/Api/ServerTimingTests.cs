using System.Globalization;
using System.Text.RegularExpressions;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Api;

/// <summary>Where a request's time went: the Server-Timing header, and the same stages in the final streamed event.</summary>
public sealed partial class ServerTimingTests(SiloAppFixture silo) : IClassFixture<SiloAppFixture>
{
    private static readonly string[] Stages = ["admission", "cache", "ttft", "model", "persist", "total"];

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_non_streaming_completion_has_a_server_timing_header_with_every_stage(bool inSession)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var request = ChatCompletion(Json(UserMessage($"time me {Guid.NewGuid():N}")), inSession ? $"t-{Guid.NewGuid():N}" : null);
        using var response = await http.SendAsync(request, ct);

        response.EnsureSuccessStatusCode();
        Assert.True(response.Headers.TryGetValues("Server-Timing", out var values), "no Server-Timing header");
        var entries = string.Join(",", values).Split(',', StringSplitOptions.TrimEntries).Select(entry =>
        {
            var match = EntryPattern().Match(entry);
            Assert.True(match.Success, $"'{entry}' is not name;dur=<ms>");
            return (Name: match.Groups["name"].Value, Duration: double.Parse(match.Groups["dur"].Value, CultureInfo.InvariantCulture));
        }).ToList();
        Assert.Equal(Stages, entries.Select(e => e.Name));
        var stages = entries.ToDictionary(e => e.Name, e => e.Duration);
        Assert.True(stages["total"] >= stages["persist"], string.Join(", ", entries));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stream_asked_for_usage_carries_the_stage_timings_in_its_usage_chunk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var request = ChatCompletion(Json(new
        {
            model = "sim-small",
            stream = true,
            stream_options = new { include_usage = true },
            // A prompt of its own: a cached answer has no model stages to report.
            messages = new[] { new { role = "user", content = $"time me {Guid.NewGuid():N}" } },
        }));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var events = await ServerSentEvent.ReadAllAsync(response, ct);

        Assert.Equal("[DONE]", events[^1].Data);
        var usageChunk = events[^2].Json;
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(InstantModels.OutputTokens, usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        var timing = usageChunk.GetProperty("server_timing");
        Assert.Equal(["admission_ms", "cache_ms", "model_ttft_ms", "model_ms", "persistence_ms", "total_ms"], timing.EnumerateObject().Select(p => p.Name));
        // Only the final event carries usage and timings.
        Assert.All(events.SkipLast(2), e => Assert.False(e.Json.TryGetProperty("server_timing", out _)));
    }

    [GeneratedRegex(@"^(?<name>[a-z]+);dur=(?<dur>\d+(\.\d+)?)$")]
    private static partial Regex EntryPattern();
}

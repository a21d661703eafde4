using System.Globalization;
using System.Text.RegularExpressions;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Client;

/// <summary>The built `client` executable, as a user runs it.</summary>
public sealed partial class ClientCommandLineTests
{
    [Fact(Timeout = 60_000)]
    public async Task Ping_prints_each_round_trip_and_a_summary()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct);

        var run = await ClientRun.RunAsync(ct, "ping", "--silo", silo.BaseAddress.ToString(), "--count", "3", "--key", "cli");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.StandardError);
        var replies = run.OutputLines.Select(l => ReplyLine().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal([1, 2, 3], replies.Select(m => int.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture)));
        // The count is the grain's, per key: a fresh database starts it at 1.
        Assert.Equal([1L, 2L, 3L], replies.Select(m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)));
        Assert.All(replies, m => Assert.True(double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture) > 0));
        Assert.Contains(run.OutputLines, l => l.Contains("median", StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b[", run.StandardOutput); // no ANSI escapes when piped
    }

    [Fact(Timeout = 60_000)]
    public async Task Unreachable_silo_gives_one_error_line_and_exit_code_1()
    {
        var ct = TestContext.Current.CancellationToken;
        var url = $"http://127.0.0.1:{FreePort.Unused()}";

        var run = await ClientRun.RunAsync(ct, "ping", "--silo", url);

        AssertOneErrorLine(run);
        Assert.Contains(url, run.StandardError);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("not-a-url")]
    [InlineData("ftp://127.0.0.1:8080")]
    public async Task Bad_silo_url_gives_one_error_line_and_exit_code_1(string url)
    {
        var run = await ClientRun.RunAsync(TestContext.Current.CancellationToken, "ping", "--silo", url);

        AssertOneErrorLine(run);
        Assert.Contains(url, run.StandardError);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("ping", "--count", "0")]
    [InlineData("ping", "--count", "many")]
    [InlineData("pong")]
    [InlineData("bench", "cluster", "--seconds", "0")]
    [InlineData("bench", "cluster", "--dynamodb", "localhost:8000")]
    [InlineData("bench", "cluster", "--silo", "http://127.0.0.1:8080")]
    public async Task Bad_arguments_give_one_error_line_and_exit_code_1(params string[] arguments)
    {
        var run = await ClientRun.RunAsync(TestContext.Current.CancellationToken, arguments);

        AssertOneErrorLine(run);
    }

    private static void AssertOneErrorLine(ClientRun run)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", run.StandardError + run.StandardOutput);
        Assert.Empty(run.StandardOutput);
    }

    [GeneratedRegex(@"^reply from .+: seq=(?<seq>\d+) count=(?<count>\d+) time=(?<ms>\d+\.\d+) ms$")]
    private static partial Regex ReplyLine();
}

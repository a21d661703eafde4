using Client.Cli;

namespace Client.Tests.Bench;

/// <summary>`bench cluster` refuses bad input at parse time, with a message that names the option and what it accepts.</summary>
public sealed class ClusterBenchOptionsTests
{
    [Theory]
    [InlineData("--seconds", "0", "--seconds must be above 0 and at most 600, not '0'.")]
    [InlineData("--seconds", "soon", "--seconds must be above 0 and at most 600, not 'soon'.")]
    [InlineData("--warmup", "-1", "--warmup must be between 0 and 120, not '-1'.")]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 512, not '0'.")]
    [InlineData("--calls", "1.5", "--calls must be between 1 and 1000000, not '1.5'.")]
    [InlineData("--kills", "21", "--kills must be between 1 and 20, not '21'.")]
    [InlineData("--heartbeat-ms", "10", "--heartbeat-ms must be between 50 and 60000, not '10'.")]
    [InlineData("--missed-heartbeats", "1", "--missed-heartbeats must be between 2 and 100, not '1'.")]
    [InlineData("--kill-timeout", "0", "--kill-timeout must be between 1 and 600, not '0'.")]
    [InlineData("--dynamodb", "localhost:8000", "--dynamodb must be an http(s) URL such as http://127.0.0.1:8000, not 'localhost:8000'.")]
    [InlineData("--dynamodb", "ftp://127.0.0.1:8000", "--dynamodb must be an http(s) URL such as http://127.0.0.1:8000, not 'ftp://127.0.0.1:8000'.")]
    public void A_bad_value_is_one_error_naming_the_option_and_the_value(string option, string value, string expected)
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "cluster", option, value]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void An_explicit_silo_is_refused_because_the_bench_starts_its_own()
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "cluster", "--silo", "http://127.0.0.1:8080"]);

        var error = Assert.Single(parse.Errors);
        Assert.Contains("takes no --silo", error.Message);
    }

    [Fact]
    public void Good_values_and_no_values_parse_without_errors()
    {
        Assert.Empty(ClientCommandLine.Create().Parse(["bench", "cluster"]).Errors);
        Assert.Empty(ClientCommandLine.Create().Parse([
            "bench", "cluster", "--seconds", "0.5", "--warmup", "0", "--concurrency", "4", "--calls", "20", "--kills", "1",
            "--heartbeat-ms", "250", "--missed-heartbeats", "2", "--kill-timeout", "5", "--dynamodb", "http://127.0.0.1:8000", "--no-build",
        ]).Errors);
    }
}

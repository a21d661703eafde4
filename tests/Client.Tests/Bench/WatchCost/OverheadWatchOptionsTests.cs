using Client.Cli;

namespace Client.Tests.Bench.WatchCost;

/// <summary>`client bench overhead watch`'s options: bad values give errors that name the option and the range.</summary>
public sealed class OverheadWatchOptionsTests
{
    [Fact]
    public void Defaults_parse_without_errors()
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "overhead", "watch"]);

        Assert.Empty(parse.Errors);
        Assert.Equal("watch", parse.CommandResult.Command.Name);
    }

    [Theory]
    [InlineData("--pairs", "0", "--pairs must be an even number from 2 to 1000, not '0'")]
    [InlineData("--pairs", "15", "--pairs must be an even number from 2 to 1000, not '15'")]
    [InlineData("--pairs", "many", "--pairs must be an even number from 2 to 1000, not 'many'")]
    [InlineData("--slice", "0.1", "--slice must be between 0.2 and 60 seconds, not '0.1'")]
    [InlineData("--scrape-every", "-1", "--scrape-every must be 0 or between 0.1 and 3600 seconds, not '-1'")]
    [InlineData("--dashboard-every", "0.05", "--dashboard-every must be 0 or between 0.1 and 3600 seconds, not '0.05'")]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 1024, not '0'")]
    [InlineData("--starts", "0", "--starts must be between 1 and 100, not '0'")]
    public void Values_out_of_range_name_the_option_and_the_range(string option, string value, string expected)
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "overhead", "watch", option, value]);

        Assert.Contains(expected, parse.Errors.Select(e => e.Message.TrimEnd('.')));
    }

    [Fact]
    public void Zero_turns_a_watcher_off()
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "overhead", "watch", "--scrape-every", "0", "--dashboard-every", "0"]);

        Assert.Empty(parse.Errors);
    }

    [Fact]
    public void A_run_longer_than_an_hour_is_refused()
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "overhead", "watch", "--pairs", "1000", "--slice", "2"]);

        Assert.Contains("--starts x --pairs x 2 x --slice must be at most 3600 seconds, not 24000", parse.Errors.Select(e => e.Message.TrimEnd('.')));
    }

    [Fact]
    public void Options_left_out_count_at_their_defaults_in_the_length_of_a_run()
    {
        // 6 starts x 8 pairs x 2 x 60 s.
        var parse = ClientCommandLine.Create().Parse(["bench", "overhead", "watch", "--slice", "60"]);

        Assert.Contains("--starts x --pairs x 2 x --slice must be at most 3600 seconds, not 5760", parse.Errors.Select(e => e.Message.TrimEnd('.')));
    }

    [Fact]
    public void A_running_silo_is_refused_since_the_bench_starts_its_own_two()
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "overhead", "watch", "--silo", "http://127.0.0.1:8080"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("does not take --silo", StringComparison.Ordinal));
    }

    [Fact]
    public void The_overhead_bench_itself_still_parses_its_own_options()
    {
        var parse = ClientCommandLine.Create().Parse(["bench", "overhead", "--seconds", "1", "--concurrency", "1", "16"]);

        Assert.Empty(parse.Errors);
        Assert.Equal("overhead", parse.CommandResult.Command.Name);
    }
}

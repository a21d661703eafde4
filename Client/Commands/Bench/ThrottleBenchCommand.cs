using System.CommandLine;
using Client.Bench;
using Client.Bench.Throttle;
using Client.Cli;
using Spectre.Console;

namespace Client.Commands.Bench;

/// <summary>`client bench throttle`: a storm of 3x a model's quota, through the cluster and through a naive client.</summary>
internal sealed class ThrottleBenchCommand : Command
{
    private readonly GlobalOptions _global;
    private readonly Option<int> _seconds = new("--seconds") { Description = "How long the storm lasts.", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _quota = new("--quota") { Description = "Requests per minute the primary model's provider allows.", DefaultValueFactory = _ => 100 };
    private readonly Option<int> _fallbackQuota = new("--fallback-quota") { Description = "Requests per minute of the fallback model.", DefaultValueFactory = _ => 250 };
    private readonly Option<double> _factor = new("--factor") { Description = "Arrival rate as a multiple of the primary quota.", DefaultValueFactory = _ => 3.0 };
    private readonly Option<bool> _remote = new("--remote") { Description = "Storm a running cluster at --silo (it must configure storm-large and storm-small) instead of an embedded silo." };

    public ThrottleBenchCommand(GlobalOptions global)
        : base("throttle", "Quota storm: success and provider throttle rates with budgets and fallback, against a naive retry baseline.")
    {
        _global = global;
        Add(_seconds);
        Add(_quota);
        Add(_fallbackQuota);
        Add(_factor);
        Add(_remote);
        foreach (var option in new[] { _seconds, _quota, _fallbackQuota })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{option.Name} must be at least 1.");
                }
            });
        }
        _factor.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() <= 0)
            {
                result.AddError("--factor must be above 0.");
            }
        });
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = new ThrottleSettings(
            TimeSpan.FromSeconds(parse.GetValue(_seconds)), parse.GetValue(_quota), parse.GetValue(_fallbackQuota), parse.GetValue(_factor),
            BudgetShare: 0.97, MaxAttempts: 6, QueueTimeout: TimeSpan.FromMinutes(2), TtftMs: 40);
        var console = ConsoleFactory.Create();
        console.MarkupLine($"Storm: {settings.Requests} requests over {settings.Duration.TotalSeconds:0} s ({settings.StormFactor}x the {settings.PrimaryQuotaRpm} rpm quota of {ThrottleSettings.Primary}; fallback {ThrottleSettings.Fallback} at {settings.FallbackQuotaRpm} rpm)");
        var benchmark = new ThrottleBenchmark(settings, null);
        var siloUrl = parse.GetValue(_remote) ? parse.GetRequiredValue(_global.Silo) : null;
        var cluster = await benchmark.RunClusterAsync(siloUrl, cancellationToken);
        var naive = await benchmark.RunNaiveAsync(cancellationToken);

        var table = new Table().AddColumns("scenario", "requests", "success rate", "provider throttle rate", "goodput (rpm)", "p50 (ms)", "p99 (ms)");
        foreach (var result in new[] { cluster, naive })
        {
            table.AddRow(result.Scenario, result.Requests.ToString(), $"{result.SuccessRate:P1}", $"{result.ProviderThrottleRate:P1}",
                $"{result.GoodputRpm:0}", $"{result.P50Ms:0}", $"{result.P99Ms:0}");
        }
        console.Write(table);
        BenchJson.WriteLastLine(new
        {
            Scenario = "throttle",
            Requests = cluster.Requests,
            SuccessRate = BenchJson.Round(cluster.SuccessRate, 4),
            ProviderThrottleRate = BenchJson.Round(cluster.ProviderThrottleRate, 4),
            GoodputRpm = BenchJson.Round(cluster.GoodputRpm, 1),
            P50Ms = BenchJson.Round(cluster.P50Ms, 1),
            P99Ms = BenchJson.Round(cluster.P99Ms, 1),
            Baseline = new
            {
                Scenario = "naive-retry",
                SuccessRate = BenchJson.Round(naive.SuccessRate, 4),
                ProviderThrottleRate = BenchJson.Round(naive.ProviderThrottleRate, 4),
                GoodputRpm = BenchJson.Round(naive.GoodputRpm, 1),
                P50Ms = BenchJson.Round(naive.P50Ms, 1),
                P99Ms = BenchJson.Round(naive.P99Ms, 1),
            },
            Settings = new { settings.Duration.TotalSeconds, settings.PrimaryQuotaRpm, settings.FallbackQuotaRpm, settings.StormFactor, settings.BudgetShare },
        });
        return cluster.SuccessRate > 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}

using System.Text.Json;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Models;

public sealed class ModelsApiTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_default_silo_lists_its_simulated_models_with_circuit_budget_and_figures()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        using var readout = JsonDocument.Parse(await http.GetStringAsync("/api/v1/models", ct));

        var models = readout.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(["sim-large", "sim-small"], models.Keys.Order());
        foreach (var model in models.Values)
        {
            Assert.Equal("simulated", model.GetProperty("provider").GetString());
            Assert.Equal("Closed", model.GetProperty("circuit").GetString());
            Assert.Equal(0, model.GetProperty("budget").GetProperty("inFlight").GetInt32());
            Assert.Equal(0, model.GetProperty("stats").GetProperty("calls").GetInt64());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_model_setting_from_the_environment_is_applied_and_a_bad_one_stops_the_silo_with_its_name()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = SiloProcess.Launch(data.Combine("grains.db"), new Dictionary<string, string> { ["Models__sim-large__Provider"] = "nonsense" });

        var exitCode = await silo.WaitForExitAsync(SiloProcess.StartTimeout, ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Models:sim-large:Provider is 'nonsense'", silo.Output.ToString());
    }
}

using System.Globalization;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Runtime.Diagnostics;

namespace Grains.Tests.Models.Budgets;

/// <summary>Model settings and read-outs the budget slice tests share.</summary>
internal static class SliceTestModels
{
    public static Dictionary<string, string?> Model(string id, params (string Key, object Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { [$"Models:{id}:Provider"] = "simulated" };
        foreach (var (key, value) in settings)
        {
            configuration[$"Models:{id}:{key}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        return configuration;
    }

    /// <summary>Calls the model grain <paramref name="model"/> has received, if it is active on <paramref name="silo"/>.</summary>
    public static long ModelGrainCalls(ModelSilo silo, string model) =>
        silo.Silo.Services.GetRequiredService<SiloStatistics>().Local(hottest: int.MaxValue).Hottest
            .Where(g => g.GrainType == "IModelGrain" && g.Key == model)
            .Sum(g => g.Calls);
}

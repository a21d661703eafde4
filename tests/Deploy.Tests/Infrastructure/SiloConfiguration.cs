using Grains.Models;
using Grains.Models.Configuration;
using Grains.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// The configuration a deployed silo ends up with: its appsettings.json overlaid with the environment variables a
/// deployment file sets, checked the way the silo checks it at start (the model catalog) and at the first request
/// (routing and tools naming configured models).
/// </summary>
internal static class SiloConfiguration
{
    public static IConfiguration Build(IEnumerable<KeyValuePair<string, string>> environment)
    {
        var appsettings = Path.Combine(Path.GetDirectoryName(Repository.SiloAssembly)!, "appsettings.json");
        return new ConfigurationBuilder()
            .AddJsonFile(appsettings, optional: false)
            .AddInMemoryCollection(environment.Select(p => new KeyValuePair<string, string?>(ConfigurationSurface.FromEnvironmentVariable(p.Key), p.Value)))
            .Build();
    }

    /// <summary>Fails with the silo's own message when the models, routing or tools would not work together.</summary>
    public static void AssertModelsWork(IEnumerable<KeyValuePair<string, string>> environment, string where)
    {
        var configuration = Build(environment);
        using var services = new ServiceCollection().AddModelLayer(configuration).BuildServiceProvider();
        ModelCatalog catalog;
        try
        {
            catalog = services.GetRequiredService<ModelCatalog>();
        }
        catch (InvalidOperationException exception)
        {
            throw new Xunit.Sdk.XunitException($"{where}: the silo would refuse to start: {exception.Message}");
        }
        var routing = configuration.GetSection(RoutingOptions.Section).Get<RoutingOptions>() ?? new RoutingOptions();
        Assert.True(catalog.Contains(routing.SmallModel), $"{where}: Routing:SmallModel '{routing.SmallModel}' is not a configured model");
        Assert.True(catalog.Contains(routing.LargeModel), $"{where}: Routing:LargeModel '{routing.LargeModel}' is not a configured model");
        foreach (var tool in configuration.GetSection(ToolCatalog.ToolsSection).GetChildren())
        {
            var model = tool["Model"] ?? "auto";
            Assert.True(model == RoutingOptions.AutoModel || catalog.Contains(model), $"{where}: Tools:{tool.Key}:Model '{model}' is not a configured model");
        }
    }
}

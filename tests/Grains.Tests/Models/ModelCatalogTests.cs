using Grains.Models;
using Grains.Models.Providers;
using Grains.Models.Providers.Simulated;
using Microsoft.Extensions.Configuration;

namespace Grains.Tests.Models;

public sealed class ModelCatalogTests
{
    private static readonly IModelProvider[] Providers = [new SimulatedModelProvider(TimeProvider.System)];

    private static ModelCatalog Catalog(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Providers);

    [Fact]
    public void Models_bind_from_environment_variables_with_double_underscores()
    {
        Environment.SetEnvironmentVariable("CATALOGTEST_Models__sim-env__Provider", "simulated");
        Environment.SetEnvironmentVariable("CATALOGTEST_Models__sim-env__TtftMs", "0");
        Environment.SetEnvironmentVariable("CATALOGTEST_Models__sim-env__Budget__RequestsPerMinute", "42");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("CATALOGTEST_").Build();

        var model = new ModelCatalog(configuration, Providers).Get("sim-env");

        Assert.Equal(0, model.TtftMs);
        Assert.Equal(42, model.Budget.RequestsPerMinute);
    }

    [Fact]
    public void An_unknown_provider_is_named_with_the_known_ones()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Catalog(new() { ["Models:x:Provider"] = "gemini" }));

        Assert.Contains("Models:x:Provider", error.Message);
        Assert.Contains("simulated", error.Message);
    }

    [Fact]
    public void A_fallback_to_a_model_that_does_not_exist_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Catalog(new() { ["Models:x:Provider"] = "simulated", ["Models:x:Fallbacks:0"] = "ghost" }));

        Assert.Contains("ghost", error.Message);
    }

    [Fact]
    public void Out_of_range_values_are_refused_with_the_model_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Catalog(new() { ["Models:x:Provider"] = "simulated", ["Models:x:FailureRate"] = "2" }));

        Assert.Contains("Models:x", error.Message);
        Assert.Contains("FailureRate", error.Message);
    }

    [Fact]
    public void Asking_for_a_model_that_is_not_configured_lists_the_ones_that_are()
    {
        var catalog = Catalog(new() { ["Models:one:Provider"] = "simulated" });

        var error = Assert.Throws<UnknownModelException>(() => catalog.Get("two"));

        Assert.Contains("one", error.Message);
    }

    [Fact]
    public void The_model_layer_knows_every_provider_by_its_configuration_name()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var name in new[] { "simulated", "openai", "anthropic", "bedrock-anthropic", "bedrock-converse" })
        {
            settings[$"Models:{name}-model:Provider"] = name;
        }
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddModelLayer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var catalog = (ModelCatalog)provider.GetService(typeof(ModelCatalog))!;

        Assert.Equal(5, catalog.Ids.Count());
    }
}

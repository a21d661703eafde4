using Grains.Models.Budgets;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Anthropic;
using Grains.Models.Providers.Bedrock;
using Grains.Models.Providers.OpenAI;
using Grains.Models.Providers.Simulated;
using Grains.Models.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grains.Models;

public static class ModelServiceCollectionExtensions
{
    /// <summary>The model layer: configured models and their providers, routing, retries and the gateway.</summary>
    public static IServiceCollection AddModelLayer(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IModelProvider, SimulatedModelProvider>();
        services.AddSingleton<IModelProvider, OpenAiModelProvider>();
        services.AddSingleton<IModelProvider, AnthropicProvider>();
        services.AddSingleton<IModelProvider, BedrockAnthropicProvider>();
        services.AddSingleton<IModelProvider, BedrockConverseProvider>();
        services.AddSingleton(sp => new ModelCatalog(configuration, sp.GetServices<IModelProvider>()));
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetryOptions>().Bind(configuration.GetSection(RetryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelRouter>();
        services.AddSingleton<ModelBudgetSlices>();
        services.AddSingleton<ModelGateway>();
        services.AddHostedService<ModelCatalogStartupCheck>();
        return services;
    }
}

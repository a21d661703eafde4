using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tools;

public static class ToolServiceCollectionExtensions
{
    /// <summary>Configured tools and tool sets (sections <c>Tools</c> and <c>ToolSets</c>) and the built-in code tools.</summary>
    public static IServiceCollection AddTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ICodeTool, TemplateValidatorTool>();
        services.AddSingleton(sp => new ToolCatalog(configuration, sp.GetServices<ICodeTool>()));
        services.AddHostedService<ToolCatalogStartupCheck>();
        return services;
    }
}

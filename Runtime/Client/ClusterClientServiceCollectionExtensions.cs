using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Runtime.Client;

public static class ClusterClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds a cluster client to a host (a web front end, a worker): it connects when the host starts and
    /// serves <see cref="IGrainFactory"/>. Options bind from the <see cref="ClusterClientOptions.Section"/> section.
    /// </summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, IConfiguration configuration, Action<ClusterClientOptions>? configure = null)
    {
        var options = services.AddOptions<ClusterClientOptions>().Bind(configuration.GetSection(ClusterClientOptions.Section));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClusterClientHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterClientHostedService>());
        services.AddSingleton(sp => sp.GetRequiredService<ClusterClientHostedService>().Client);
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        return services;
    }
}

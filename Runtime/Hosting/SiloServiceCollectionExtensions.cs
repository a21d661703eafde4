using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Runtime.Activation;
using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Placement;
using Runtime.Serialization;
using Runtime.Transport;

namespace Runtime.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo to the host: the grain runtime, its HTTP/2 grain transport and membership. Options bind
    /// from the sections named by <see cref="SiloOptions"/>, <see cref="ClusterOptions"/> and
    /// <see cref="GrainCollectionOptions"/>. Without a membership or storage call, the silo is a single
    /// in-memory member and has no grain storage.
    /// </summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration, Action<ISiloBuilder>? configure = null)
    {
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().Bind(configuration.GetSection(GrainCollectionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new GrainSerializer());
        services.TryAddSingleton<GrainInterfaceRegistry>();
        services.TryAddSingleton(sp => new GrainClassRegistry(sp.GetServices<GrainClassSource>().SelectMany(s => s.Classes)));
        services.TryAddSingleton<GrainActivator>();
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<ClusterView>();
        services.TryAddSingleton<IPlacementDirector, RendezvousPlacementDirector>();
        services.TryAddSingleton<IMembershipTable, InMemoryMembershipTable>();
        services.TryAddSingleton<MembershipService>();
        services.TryAddSingleton<GrainTransportClient>();
        services.TryAddSingleton<GrainTransportServer>();
        services.TryAddSingleton<SiloGrainCallRouter>();
        services.TryAddSingleton(sp => new Diagnostics.SiloStatistics(sp.GetRequiredService<Catalog>(), sp.GetRequiredService<ClusterView>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloGrainCallRouter>());
        services.AddHostedService<SiloHostedService>();

        configure?.Invoke(new SiloBuilder(services, configuration));
        return services;
    }
}

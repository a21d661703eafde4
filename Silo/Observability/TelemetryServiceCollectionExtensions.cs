using Grains.Diagnostics;
using Grains.Models.Providers;

namespace Silo.Observability;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Telemetry (<c>Telemetry:Enabled</c>, default on): the /metrics collector, model providers that can be traced,
    /// with <c>Telemetry:Otlp:Endpoint</c> OTLP export, and with <c>Telemetry:CloudWatch:Enabled</c> the active
    /// sessions metric for ECS scaling. Off, none of it is registered and instruments stay disabled.
    /// Call after the model layer is registered: its providers are wrapped here.
    /// </summary>
    public static WebApplicationBuilder AddSiloTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        builder.Services.AddOptions<TelemetryOptions>().Bind(section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.CloudWatch.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        if (!options.Enabled)
        {
            return builder;
        }
        if (options.CloudWatch.Enabled)
        {
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ActiveSessionsPublisher>(sp, Console.Out));
        }
        builder.Services.AddSingleton(_ => new MetricsCollector(TelemetrySources.Meters));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsCollector>());
        builder.Services.AddHostedService<OtlpExport>();
        TraceModelProviders(builder.Services);
        return builder;
    }

    private static void TraceModelProviders(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var registered = services[i];
            if (registered.ServiceType == typeof(IModelProvider) && !registered.IsKeyedService)
            {
                services[i] = new ServiceDescriptor(typeof(IModelProvider), sp => new TracedModelProvider(Create(sp, registered)), registered.Lifetime);
            }
        }
    }

    private static IModelProvider Create(IServiceProvider services, ServiceDescriptor registered) =>
        registered.ImplementationInstance as IModelProvider
        ?? registered.ImplementationFactory?.Invoke(services) as IModelProvider
        ?? (IModelProvider)ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);
}

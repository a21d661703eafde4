using Silo.Api.Auth;
using Silo.Api.Jobs;
using Silo.Api.OpenAi;
using Silo.Observability;

namespace Silo.Api;

internal static class ApiServiceCollectionExtensions
{
    public static WebApplicationBuilder AddClientApi(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        LoopbackGuard.Check(builder.Configuration, auth);
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<JobsOptions>().Bind(builder.Configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyEndpointFilter>();
        builder.Services.AddSingleton<ChatTurnRunner>();
        builder.Services.AddSingleton<ApiMetrics>();
        builder.Services.AddSingleton<Observability.PerformanceAnalyzer>();
        builder.Services.AddHttpClient();
        builder.Logging.AddBaggageToLogScopes();
        builder.AddSiloTelemetry();
        return builder;
    }
}

using System.Text.Json.Serialization;
using Grains.Caching;
using Grains.Diagnostics;
using Grains.Models;
using Grains.Sessions;
using Grains.Tools;
using Runtime.Hosting;
using Runtime.Storage;
using Runtime.Storage.DynamoDB;

namespace Silo.Hosting;

internal static class SiloHostBuilderExtensions
{
    private const string SqliteStorageSection = "Storage:Sqlite";

    // The silo promises to exit within 10 s of SIGTERM. The runtime's drain (Silo:DrainTimeout, 8 s by default)
    // runs inside this budget, and the process needs a moment after the host has stopped, so stay under 10 s.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(9);

    /// <summary>
    /// The embedded single-silo setup: in-memory membership (the runtime's default), the project's grains,
    /// and SQLite as the Default grain store so a restart keeps grain state. Nothing external is needed.
    /// </summary>
    public static WebApplicationBuilder AddSiloHost(this WebApplicationBuilder builder)
    {
        // The drain must fit in the host's stop budget: one second more than Silo:DrainTimeout, and never less than the default.
        var drain = builder.Configuration.GetValue<TimeSpan?>("Silo:DrainTimeout") ?? TimeSpan.FromSeconds(8);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = drain + TimeSpan.FromSeconds(1) > ShutdownTimeout ? drain + TimeSpan.FromSeconds(1) : ShutdownTimeout);
        builder.Services.AddModelLayer(builder.Configuration);
        builder.Services.AddSessions(builder.Configuration);
        builder.Services.AddTools(builder.Configuration);
        builder.Services.AddResponseCache(builder.Configuration);
        // Read-outs are for people and dashboards: enums by name, not number.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var contentRoot = builder.Environment.ContentRootPath;
        var sqlite = builder.Configuration.GetSection(SqliteStorageSection);
        var dynamo = builder.Configuration.GetSection(DynamoDbOptions.Section).Get<DynamoDbOptions>() ?? new DynamoDbOptions();
        if (builder.Configuration.GetSection(DynamoDbOptions.Section).Exists())
        {
            dynamo.Validate();
        }
        var membership = builder.Configuration["Cluster:Membership"] ?? "Local";
        var storage = builder.Configuration["Storage:Provider"] ?? "Sqlite";
        builder.Services.AddSilo(builder.Configuration, silo =>
        {
            silo.AddGrains(typeof(PingGrain).Assembly);
            switch (membership.ToLowerInvariant())
            {
                case "local":
                    break;
                case "dynamodb":
                    silo.UseDynamoDbMembership(dynamo);
                    break;
                default:
                    throw new InvalidOperationException($"Cluster:Membership is '{membership}'; use Local (one silo) or DynamoDB.");
            }
            switch (storage.ToLowerInvariant())
            {
                case "sqlite":
                    // Bound here rather than through IOptions because the store is built while the silo is composed;
                    // the runtime validates the result immediately, so a bad path still fails at startup.
                    silo.AddSqliteGrainStorage(GrainStorageNames.Default, options =>
                    {
                        sqlite.Bind(options);
                        if (!string.IsNullOrWhiteSpace(options.DatabasePath))
                        {
                            // Against the content root, not the current directory, so `dotnet run --project Silo` from the
                            // repository root keeps the database in Silo/data, as a run from inside Silo/ does.
                            options.DatabasePath = Path.GetFullPath(options.DatabasePath, contentRoot);
                        }
                    });
                    break;
                case "dynamodb":
                    silo.AddDynamoDbGrainStorage(GrainStorageNames.Default, dynamo);
                    break;
                case "memory":
                    silo.AddMemoryGrainStorage();
                    break;
                default:
                    throw new InvalidOperationException($"Storage:Provider is '{storage}'; use Sqlite (default), DynamoDB or Memory.");
            }
        });
        return builder;
    }
}

using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Runtime.Activation;
using Runtime.Membership;
using Runtime.Storage;

namespace Runtime.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Hosts every grain class found in <paramref name="assemblies"/>.</summary>
    public static ISiloBuilder AddGrains(this ISiloBuilder builder, params Assembly[] assemblies)
    {
        builder.Services.AddSingleton(new GrainClassSource([.. assemblies.SelectMany(a => a.GetTypes()).Where(GrainClassRegistry.IsGrainClass)]));
        return builder;
    }

    /// <summary>Hosts the given grain classes.</summary>
    public static ISiloBuilder AddGrains(this ISiloBuilder builder, params Type[] grainClasses)
    {
        var invalid = grainClasses.FirstOrDefault(t => !GrainClassRegistry.IsGrainClass(t));
        if (invalid is not null)
        {
            throw new ArgumentException($"{invalid.FullName} is not a grain class: it must be a concrete class implementing a grain interface.");
        }
        builder.Services.AddSingleton(new GrainClassSource(grainClasses));
        return builder;
    }

    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = GrainStorageNames.Default)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new MemoryGrainStorage());
        return builder;
    }

    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        var options = new SqliteGrainStorageOptions();
        configure(options);
        options.Validate();
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new SqliteGrainStorage(options));
        return builder;
    }

    public static ISiloBuilder AddDynamoDbGrainStorage(this ISiloBuilder builder, string name, Storage.DynamoDB.DynamoDbOptions options)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new Storage.DynamoDB.DynamoDbGrainStorage(options));
        return builder;
    }

    /// <summary>Membership in DynamoDB: the way silos on different machines form one cluster.</summary>
    public static ISiloBuilder UseDynamoDbMembership(this ISiloBuilder builder, Storage.DynamoDB.DynamoDbOptions options)
    {
        builder.Services.AddSingleton<IMembershipTable>(new Membership.DynamoDB.DynamoDbMembershipTable(options));
        return builder;
    }

    /// <summary>Uses an in-memory membership table; pass one shared instance to form a cluster inside one process.</summary>
    public static ISiloBuilder UseInMemoryMembership(this ISiloBuilder builder, InMemoryMembershipTable? table = null)
    {
        builder.Services.AddSingleton<IMembershipTable>(table ?? new InMemoryMembershipTable());
        return builder;
    }
}

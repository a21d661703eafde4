namespace Silo.Tests.Caching;

/// <summary>Two tenants and an admin, as the cache tests' silos configure them.</summary>
internal static class CacheKeys
{
    public const string TenantA = "sk-cache-tenant-a-0001";
    public const string TenantB = "sk-cache-tenant-b-0002";
    public const string Admin = "sk-cache-admin-0003";

    public static Dictionary<string, string?> Settings(params (string Name, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Auth:Keys:{TenantA}:Tenant"] = "tenant-a",
            [$"Auth:Keys:{TenantB}:Tenant"] = "tenant-b",
            [$"Auth:Keys:{Admin}:Tenant"] = "ops",
            [$"Auth:Keys:{Admin}:Admin"] = "true",
        };
        foreach (var (name, value) in more)
        {
            settings[name] = value;
        }
        return settings;
    }
}

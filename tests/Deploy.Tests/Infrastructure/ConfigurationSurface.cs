using System.Globalization;
using System.Reflection;
using Grains.Caching;
using Grains.Models;
using Grains.Models.Configuration;
using Grains.Sessions;
using Grains.Tools;
using Microsoft.Extensions.Configuration;
using Runtime.Hosting;
using Runtime.Storage;
using Runtime.Storage.DynamoDB;
using Silo.Api;
using Silo.Api.Auth;
using Silo.Api.Jobs;
using Silo.Observability;

namespace Deploy.Tests.Infrastructure;

/// <summary>One configuration key the silo reads, as a pattern: <c>Models:&lt;id&gt;:Budget:TokensPerMinute</c>.</summary>
/// <param name="Default">The value when nothing configures the key (null when there is none to show).</param>
internal sealed record ConfigKey(string Pattern, Type ValueType, object? Default);

/// <summary>
/// Every configuration key the silo reads, built by reflecting over its options classes (so a property added to one
/// of them is a new key here, which the documentation must then describe) plus the few keys read directly.
/// Placeholders: &lt;id&gt; a model, &lt;name&gt; a tool, &lt;set&gt; a tool set, &lt;key&gt; a dictionary key,
/// &lt;n&gt; a list index, &lt;category&gt; a logging category.
/// </summary>
internal static class ConfigurationSurface
{
    private static readonly (string Prefix, Type Options)[] Sections =
    [
        (SiloOptions.Section, typeof(SiloOptions)),
        (ClusterOptions.Section, typeof(ClusterOptions)),
        (GrainCollectionOptions.Section, typeof(GrainCollectionOptions)),
        (DynamoDbOptions.Section, typeof(DynamoDbOptions)),
        ("Storage:Sqlite", typeof(SqliteGrainStorageOptions)),
        ($"{ModelCatalog.Section}:<id>", typeof(ModelOptions)),
        (RoutingOptions.Section, typeof(RoutingOptions)),
        (RetryOptions.Section, typeof(RetryOptions)),
        (SessionOptions.Section, typeof(SessionOptions)),
        (CacheOptions.Section, typeof(CacheOptions)),
        (JobsOptions.Section, typeof(JobsOptions)),
        (ApiOptions.Section, typeof(ApiOptions)),
        (AuthOptions.Section, typeof(AuthOptions)),
        ($"{ToolCatalog.ToolsSection}:<name>", typeof(ToolOptions)),
        (TelemetryOptions.Section, typeof(TelemetryOptions)),
    ];

    /// <summary>Keys read without an options class (Program, hosting, logging).</summary>
    private static readonly ConfigKey[] Direct =
    [
        new("Urls", typeof(string), null),
        new("HTTP_PORTS", typeof(string), null),
        new("Cluster:Membership", typeof(string), "Local"),
        new("Storage:Provider", typeof(string), "Sqlite"),
        new($"{ToolCatalog.SetsSection}:<set>:<n>", typeof(string), null),
        new("Logging:LogLevel:<category>", typeof(string), null),
        new("Logging:Console:FormatterName", typeof(string), "simple"),
        new("Logging:Console:FormatterOptions:IncludeScopes", typeof(bool), false),
    ];

    public static IReadOnlyList<ConfigKey> Keys { get; } = Build();

    /// <summary>The key an environment variable sets: __ separates sections; ASPNETCORE_ variables are host settings.</summary>
    public static string FromEnvironmentVariable(string name)
    {
        const string hostPrefix = "ASPNETCORE_";
        var key = name.StartsWith(hostPrefix, StringComparison.OrdinalIgnoreCase) ? name[hostPrefix.Length..] : name;
        return key.Replace("__", ":", StringComparison.Ordinal);
    }

    /// <summary>The pattern <paramref name="key"/> (a concrete key, or a pattern itself) falls under; null when unknown.</summary>
    public static ConfigKey? Find(string key) => Keys.FirstOrDefault(k => Matches(k.Pattern, key));

    public static bool Matches(string pattern, string key)
    {
        var p = pattern.Split(':');
        var k = key.Split(':');
        if (p.Length != k.Length)
        {
            return false;
        }
        for (var i = 0; i < p.Length; i++)
        {
            if (string.Equals(p[i], k[i], StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var placeholder = p[i].StartsWith('<') && p[i].EndsWith('>');
            if (!placeholder || k[i].Length == 0 || (p[i] == "<n>" && !k[i].All(char.IsAsciiDigit) && k[i] != "<n>"))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Formats <paramref name="value"/> as configuration spells it (invariant, TimeSpans as c).</summary>
    public static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Whether the text <paramref name="written"/> means <paramref name="value"/> (00:00:00.200 is 200 ms).</summary>
    public static bool SameValue(object value, string written) => value switch
    {
        bool b => bool.TryParse(written, out var parsed) && parsed == b,
        TimeSpan t => TimeSpan.TryParse(written, CultureInfo.InvariantCulture, out var parsed) && parsed == t,
        string s => s == written,
        Enum e => string.Equals(e.ToString(), written, StringComparison.OrdinalIgnoreCase),
        IConvertible c when value is not char => double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && parsed == c.ToDouble(CultureInfo.InvariantCulture),
        _ => Format(value) == written,
    };

    private static List<ConfigKey> Build()
    {
        var keys = new List<ConfigKey>();
        foreach (var (prefix, options) in Sections)
        {
            keys.AddRange(Reflect(prefix, options, Activator.CreateInstance(options)));
        }
        keys.AddRange(Direct);
        var duplicates = keys.GroupBy(k => k.Pattern, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"configuration keys reflected twice: {string.Join(", ", duplicates)}");
        }
        return keys;
    }

    private static IEnumerable<ConfigKey> Reflect(string prefix, Type type, object? instance)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            var key = $"{prefix}:{name}";
            var valueType = property.PropertyType;
            var value = instance is null ? null : property.GetValue(instance);
            if (IsScalar(valueType))
            {
                if (property.SetMethod is { IsPublic: true })
                {
                    yield return new ConfigKey(key, valueType, value is string { Length: 0 } ? null : value);
                }
                continue;
            }
            foreach (var nested in Nested(key, valueType, value))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<ConfigKey> Nested(string key, Type type, object? value)
    {
        if (Generic(type, typeof(IDictionary<,>)) is { } dictionary)
        {
            return Element($"{key}:<key>", dictionary[1]);
        }
        if (type != typeof(string) && Generic(type, typeof(IEnumerable<>)) is { } enumerable)
        {
            return Element($"{key}:<n>", enumerable[0]);
        }
        return Reflect(key, type, value ?? Activator.CreateInstance(type));
    }

    private static IEnumerable<ConfigKey> Element(string key, Type element) =>
        IsScalar(element) ? [new ConfigKey(key, element, null)] : Reflect(key, element, Activator.CreateInstance(element));

    private static Type[]? Generic(Type type, Type definition) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type : null)?.GetGenericArguments()
        ?? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments();

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);
    }
}

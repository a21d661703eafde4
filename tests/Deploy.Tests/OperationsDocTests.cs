using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>
/// docs/operations.md cannot drift from the silo: its configuration reference lists exactly the keys the silo reads (with
/// their defaults), it names every metric the silo publishes, and its links lead somewhere.
/// </summary>
public sealed partial class OperationsDocTests
{
    private readonly OperationsDoc _doc = OperationsDoc.Read();

    [Fact]
    public void The_configuration_surface_is_reflected_from_the_options_classes()
    {
        var patterns = ConfigurationSurface.Keys.Select(k => k.Pattern).ToList();
        Assert.Contains("Silo:AdvertisedHost", patterns);
        Assert.Contains("Cluster:MissedHeartbeatsToDeclareDead", patterns);
        Assert.Contains("Grains:Collection:CollectionAge", patterns);
        Assert.Contains("DynamoDB:CreateTables", patterns);
        Assert.Contains("Models:<id>:Budget:TokensPerMinute", patterns);
        Assert.Contains("Models:<id>:Fallbacks:<n>", patterns);
        Assert.Contains("Auth:Keys:<key>:Tenant", patterns);
        Assert.Contains("Cache:Semantic:Threshold", patterns);
        Assert.Contains("Telemetry:Otlp:Endpoint", patterns);
        Assert.Contains("Tools:<name>:InputFrom", patterns);
        Assert.True(ConfigurationSurface.Find("Models:nova-lite:Budget:RequestsPerMinute") is not null);
        Assert.True(ConfigurationSurface.Find("models:x:fallbacks:0") is not null);
        Assert.True(ConfigurationSurface.Find("Models:x:Fallbacks:first") is null);
        Assert.True(ConfigurationSurface.Find("Silo:AdvertisedHostname") is null);
    }

    [Fact]
    public void The_configuration_reference_lists_every_key_the_silo_reads()
    {
        var documented = _doc.Keys.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var missing = ConfigurationSurface.Keys.Select(k => k.Pattern).Where(p => !documented.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"{OperationsDoc.RelativePath} does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_configuration_reference_lists_each_key_once_and_no_key_the_silo_does_not_read()
    {
        Assert.Empty(_doc.Keys.GroupBy(k => k.Key).Where(g => g.Count() > 1).Select(g => g.Key));
        var unknown = _doc.Keys.Where(k => !ConfigurationSurface.Keys.Any(s => s.Pattern == k.Key)).Select(k => $"{k.Key} (line {k.Line})").ToList();
        Assert.True(unknown.Count == 0, $"{OperationsDoc.RelativePath} documents keys the silo does not read: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_configuration_reference_gives_each_default_as_the_code_has_it()
    {
        var wrong = new List<string>();
        foreach (var key in ConfigurationSurface.Keys.Where(k => k.Default is not null))
        {
            var row = _doc.Keys.FirstOrDefault(k => k.Key == key.Pattern);
            if (row is not null && !OperationsDoc.Code(row.Default).Any(written => ConfigurationSurface.SameValue(key.Default!, written)))
            {
                wrong.Add($"{key.Pattern}: the code's default is `{ConfigurationSurface.Format(key.Default!)}`, the doc says {row.Default} (line {row.Line})");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public void Names_every_metric_the_silo_publishes()
    {
        var instruments = PublishedInstruments();
        Assert.Contains("model.time_to_first_token", instruments);
        var missing = instruments.Where(name => !_doc.Text.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{OperationsDoc.RelativePath} does not name these instruments: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Describes_the_scaling_metric_the_template_tracks()
    {
        Assert.Contains($"`{CloudFormationTemplateTests.MetricNamespace}`", _doc.Text, StringComparison.Ordinal);
        Assert.Contains($"`{CloudFormationTemplateTests.MetricName}`", _doc.Text, StringComparison.Ordinal);
        // The silo publishes it, and the guide says how.
        Assert.Contains("`Telemetry:CloudWatch:Enabled=true`", _doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_to_files_that_exist()
    {
        var folder = Path.GetDirectoryName(OperationsDoc.RelativePath)!;
        foreach (Match link in RelativeLink().Matches(_doc.Text))
        {
            var target = link.Groups[1].Value.Split('#')[0];
            var relative = Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(Repository.Root, folder, target)));
            Assert.True(Repository.Exists(relative), $"{OperationsDoc.RelativePath} links to {target}, which does not exist");
        }
    }

    /// <summary>The instruments of the meters the silo collects (its TelemetrySources), as they are created.</summary>
    private static List<string> PublishedInstruments()
    {
        var silo = typeof(Program).Assembly;
        var meters = (string[])silo.GetType("Silo.Observability.TelemetrySources", throwOnError: true)!
            .GetField("Meters", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (meters.Contains(instrument.Meter.Name))
                {
                    lock (names)
                    {
                        names.Add(instrument.Name);
                    }
                }
            },
        };
        listener.Start();
        var assemblies = new[] { silo, typeof(Runtime.Hosting.SiloOptions).Assembly, typeof(Grains.Models.ModelCatalog).Assembly };
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.ContainsGenericParameters))
        {
            var fields = type.GetFields(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (fields.Any(f => f.IsStatic && (f.FieldType == typeof(Meter) || typeof(Instrument).IsAssignableFrom(f.FieldType))))
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }
            // Instance meters (ApiMetrics) create their instruments in their constructor.
            if (fields.Any(f => !f.IsStatic && f.FieldType == typeof(Meter)) && type.GetConstructor(Type.EmptyTypes) is { } constructor)
            {
                (constructor.Invoke(null) as IDisposable)?.Dispose();
            }
        }
        return [.. names.Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\]\((?!https?:|#|mailto:)([^)\s]+)\)")]
    private static partial Regex RelativeLink();
}

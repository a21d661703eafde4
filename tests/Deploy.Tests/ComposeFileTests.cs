using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>docker-compose.yml (three silos and DynamoDB Local) and its model overrides in deploy/compose/.</summary>
public sealed class ComposeFileTests
{
    public const string Path = "docker-compose.yml";
    public static readonly string[] Overrides = ["deploy/compose/openai.yml", "deploy/compose/bedrock.yml"];

    private readonly ComposeFile _compose = ComposeFile.Read(Path);

    private List<string> Silos => [.. _compose.Silos(DockerfileTests.Path)];

    [Fact]
    public void Runs_dynamodb_local_and_three_silos_built_from_the_dockerfile()
    {
        Assert.Equal(["silo1", "silo2", "silo3"], Silos);
        var dynamodb = _compose.Services["dynamodb"]!;
        Assert.StartsWith("amazon/dynamodb-local", dynamodb["image"]!.GetValue<string>(), StringComparison.Ordinal);
        var command = dynamodb["command"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("-inMemory", command);
        Assert.Contains("-sharedDb", command);
        foreach (var silo in Silos)
        {
            var build = _compose.Services[silo]!["build"]!;
            Assert.Equal(".", build["context"]!.GetValue<string>());
            Assert.True(Repository.Exists(DockerfileTests.Path));
            Assert.Contains("dynamodb", _compose.Services[silo]!["depends_on"]!.AsObject().Select(d => d.Key));
        }
    }

    [Fact]
    public void Silos_form_one_cluster_in_dynamodb_local_and_advertise_their_service_names()
    {
        var dynamoPort = Assert.Single(_compose.Ports("dynamodb")).ContainerPort;
        foreach (var silo in Silos)
        {
            var environment = _compose.EnvironmentMap(silo);
            Assert.Equal("DynamoDB", environment["Cluster__Membership"]);
            Assert.Equal("DynamoDB", environment["Storage__Provider"]);
            Assert.Equal($"http://dynamodb:{dynamoPort}", environment["DynamoDB__ServiceUrl"]);
            Assert.Equal(silo, environment["Silo__AdvertisedHost"]);
            Assert.Equal(silo, environment["Silo__Name"]);
        }
    }

    [Fact]
    public void Publishes_each_silos_api_on_its_own_loopback_port_and_keeps_the_transport_inside()
    {
        var hostPorts = new List<int>();
        foreach (var silo in Silos)
        {
            var port = Assert.Single(_compose.Ports(silo));
            Assert.Equal(int.Parse(DockerfileTests.ApiPort), port.ContainerPort);
            // Anonymous access is on (below): never publish it beyond this machine.
            Assert.Equal("127.0.0.1", port.Address);
            hostPorts.Add(port.HostPort);
        }
        Assert.Equal(hostPorts.Count, hostPorts.Distinct().Count());
    }

    [Fact]
    public void Opts_into_anonymous_access_explicitly_since_the_silos_listen_beyond_loopback()
    {
        foreach (var silo in Silos)
        {
            Assert.Equal("true", _compose.EnvironmentMap(silo)["Auth__AllowAnonymous"]);
        }
    }

    [Fact]
    public void Gives_a_stopping_silo_more_time_than_it_takes_to_drain()
    {
        foreach (var silo in Silos)
        {
            var service = _compose.Services[silo]!;
            Assert.Equal("SIGTERM", service["stop_signal"]?.GetValue<string>());
            // The silo exits within 10 s of SIGTERM (its host allows 9 s); compose's default grace is exactly 10 s.
            Assert.True(ComposeFile.Duration(service["stop_grace_period"]!.GetValue<string>()) > TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Passes_aws_credentials_through_only_when_the_shell_has_them()
    {
        foreach (var silo in Silos)
        {
            var passThrough = _compose.Environment(silo).Where(p => p.Value is null).Select(p => p.Key).ToList();
            Assert.Equal(EnvironmentVariables.AwsSdk.Order(), passThrough.Order());
        }
    }

    [Fact]
    public void Sets_only_configuration_keys_the_silo_reads()
    {
        foreach (var silo in Silos)
        {
            EnvironmentVariables.AssertKnown(_compose.Environment(silo).Select(p => p.Key), $"{Path} services.{silo}");
        }
    }

    [Fact]
    public void The_simulated_models_it_runs_by_default_work_together()
    {
        SiloConfiguration.AssertModelsWork(Concrete(_compose.Environment("silo1")), Path);
    }

    public static TheoryData<string> OverrideFiles => [.. Overrides];

    [Theory]
    [MemberData(nameof(OverrideFiles))]
    public void A_model_override_sets_known_keys_on_every_silo_and_its_models_work(string file)
    {
        var overlay = ComposeFile.Read(file);
        Assert.Equal(Silos, overlay.Services.Select(s => s.Key));
        var first = overlay.Environment(Silos[0]);
        foreach (var silo in Silos)
        {
            Assert.Equal(first, overlay.Environment(silo));
            Assert.DoesNotContain(overlay.Environment(silo), p => p.Value is null);
        }
        EnvironmentVariables.AssertKnown(first.Select(p => p.Key), file);
        var merged = Concrete(_compose.Environment("silo1")).Concat(Concrete(first)).GroupBy(p => p.Key).Select(g => g.Last());
        SiloConfiguration.AssertModelsWork(merged, $"{Path} + {file}");
    }

    [Fact]
    public void Keeps_secrets_out_of_the_files_by_interpolating_them_from_the_shell()
    {
        foreach (var file in Overrides.Prepend(Path))
        {
            var compose = ComposeFile.Read(file);
            foreach (var silo in compose.Services.Select(s => s.Key))
            {
                foreach (var (name, value) in compose.Environment(silo))
                {
                    if (name.EndsWith("__ApiKey", StringComparison.Ordinal))
                    {
                        Assert.Matches(@"^\$\{[A-Z_]+:\?[^}]*\}$", value);
                    }
                }
            }
        }
    }

    /// <summary>Values as the silo would see them, compose interpolation (${VAR:-default}, ${VAR:?error}) stood in for.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Concrete(IEnumerable<KeyValuePair<string, string?>> environment) =>
        environment.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key,
            System.Text.RegularExpressions.Regex.Replace(p.Value!, @"\$\{([A-Z_]+)(:-([^}]*)|:\?[^}]*)?\}", m => m.Groups[3].Success ? m.Groups[3].Value : "from-the-shell")));
}

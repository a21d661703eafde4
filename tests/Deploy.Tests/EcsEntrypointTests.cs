using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>
/// deploy/ecs/entrypoint.sh, run for real with /bin/sh: a fake task metadata endpoint on loopback stands in for ECS and a
/// fake `dotnet` on PATH records the environment and arguments the silo would have started with.
/// </summary>
public sealed class EcsEntrypointTests : IDisposable
{
    public const string ScriptPath = "deploy/ecs/entrypoint.sh";
    public const string ImagePath = "/app/ecs-entrypoint.sh";

    // The shape ECS documents for ${ECS_CONTAINER_METADATA_URI_V4} (abridged), pretty-printed as a real one may be.
    private const string Metadata = """
        {
          "DockerId": "cd189a933e5849daa93386466019ab50-2495160603",
          "Name": "silo",
          "Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm-cluster-silo:1.0.0",
          "Limits": { "CPU": 2 },
          "Networks": [
            {
              "NetworkMode": "awsvpc",
              "IPv4Addresses": [ "10.0.2.106" ],
              "AttachmentIndex": 0,
              "MACAddress": "0a:62:17:7a:36:68",
              "IPv4SubnetCIDRBlock": "10.0.2.0/24",
              "PrivateDNSName": "ip-10-0-2-106.us-west-2.compute.internal",
              "SubnetGatewayIpv4Address": "10.0.2.1/24"
            }
          ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("ecs-entrypoint-").FullName;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public EcsEntrypointTests()
    {
        File.Copy(Repository.PathOf(ScriptPath), Path.Combine(_folder, "entrypoint.sh"));
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var dotnet = Path.Combine(bin, "dotnet");
        // Its environment as exec handed it over (/proc/$$/environ): a shell's own `env` would drop names like Models__a-b__Model.
        File.WriteAllText(dotnet, "#!/bin/sh\n{ echo \"cwd=$(pwd)\"; echo \"args=$*\"; tr '\\0' '\\n' < /proc/$$/environ; } > \"$FAKE_DOTNET_OUT\"\n");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Advertises_the_tasks_address_from_the_metadata_endpoint_and_starts_the_silo_in_its_folder()
    {
        using var metadata = new MetadataServer(Metadata);
        var run = await RunAsync(new() { ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.Url });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("10.0.2.106", run.Environment!["Silo__AdvertisedHost"]);
        Assert.Equal("Silo.dll", run.Arguments);
        Assert.Equal(DockerfileTests.SiloAssemblyFile(), run.Arguments);
        Assert.Equal(_folder, run.WorkingDirectory);
        Assert.Equal(1, metadata.Requests);
    }

    [Fact]
    public async Task Keeps_an_explicit_advertised_host_without_asking_for_metadata()
    {
        using var metadata = new MetadataServer(Metadata);
        var run = await RunAsync(new() { ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.Url, ["Silo__AdvertisedHost"] = "silo-a.internal" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("silo-a.internal", run.Environment!["Silo__AdvertisedHost"]);
        Assert.Equal(0, metadata.Requests);
    }

    [Fact]
    public async Task Fails_when_the_metadata_names_no_address()
    {
        using var metadata = new MetadataServer("""{"Networks":[{"NetworkMode":"awsvpc","IPv4Addresses":[]}]}""");
        var run = await RunAsync(new() { ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.Url });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("names no IPv4 address", run.Error, StringComparison.Ordinal);
        Assert.Null(run.Environment);
    }

    [Fact]
    public async Task Turns_injected_api_keys_into_auth_keys_with_their_tenant_and_admin_flag()
    {
        var run = await RunAsync(new()
        {
            ["SILO_API_KEY"] = "3f9a1c0d5e7b42a8",
            ["SILO_API_KEY_TENANT"] = "acme",
            ["SILO_API_KEY_ADMIN"] = "true",
            ["SILO_API_KEY_2"] = "k2-abc.def",
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("acme", run.Environment!["Auth__Keys__3f9a1c0d5e7b42a8__Tenant"]);
        Assert.Equal("true", run.Environment["Auth__Keys__3f9a1c0d5e7b42a8__Admin"]);
        Assert.Equal("default", run.Environment["Auth__Keys__k2-abc.def__Tenant"]);
        Assert.Equal("false", run.Environment["Auth__Keys__k2-abc.def__Admin"]);
        Assert.False(run.Environment.ContainsKey("Silo__AdvertisedHost")); // no metadata endpoint outside ECS: the silo's own default
        EnvironmentVariables.AssertKnown(run.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)), "the entry script's output");
    }

    [Theory]
    [InlineData("with:colon")]
    [InlineData("with__underscores")]
    [InlineData("with=equals")]
    public async Task Refuses_a_key_that_cannot_be_part_of_a_configuration_key_without_echoing_it(string key)
    {
        var run = await RunAsync(new() { ["SILO_API_KEY"] = key });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SILO_API_KEY may only hold", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(key, run.Error, StringComparison.Ordinal);
        Assert.Null(run.Environment);
    }

    [Fact]
    public async Task Passes_the_template_default_settings_through_as_environment_variables()
    {
        var template = CloudFormationTemplate.Read(CloudFormationTemplateTests.Path);
        var settings = template.DefaultOf("SiloSettings");
        var run = await RunAsync(new() { ["SILO_SETTINGS"] = settings.Replace(";", " ; ", StringComparison.Ordinal) });

        Assert.Equal(0, run.ExitCode);
        var expected = EnvironmentVariables.Pairs(settings);
        Assert.NotEmpty(expected);
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, run.Environment![name]);
        }
    }

    [Fact]
    public async Task Adds_secret_settings_and_never_echoes_them()
    {
        var run = await RunAsync(new() { ["SILO_SECRET_SETTINGS"] = "Models__gpt-4o-mini__ApiKey=sk-test-123;Models__claude-3.5__ApiKey=sk-ant-456" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("sk-test-123", run.Environment!["Models__gpt-4o-mini__ApiKey"]);
        Assert.Equal("sk-ant-456", run.Environment["Models__claude-3.5__ApiKey"]);

        var broken = await RunAsync(new() { ["SILO_SECRET_SETTINGS"] = "Models__a__ApiKey=sk-fine;sk-pasted-without-a-name" });
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("SILO_SECRET_SETTINGS entry 2 is not Key=Value", broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_setting_that_is_not_key_equals_value()
    {
        var run = await RunAsync(new() { ["SILO_SETTINGS"] = "Routing__SmallModel=nova-lite;just-a-word" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not Key=Value", run.Error, StringComparison.Ordinal);
    }

    private async Task<ScriptRun> RunAsync(Dictionary<string, string> environment)
    {
        var output = Path.Combine(_folder, "dotnet.out");
        File.Delete(output);
        var start = new ProcessStartInfo("/bin/sh", [Path.Combine(_folder, "entrypoint.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("SILO_", StringComparison.Ordinal) || name.StartsWith("ECS_", StringComparison.Ordinal) || name.Contains("__", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }
        start.Environment["PATH"] = $"{Path.Combine(_folder, "bin")}:/usr/bin:/bin";
        start.Environment["FAKE_DOTNET_OUT"] = output;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(stdout, stderr);
        if (!File.Exists(output))
        {
            return new ScriptRun(process.ExitCode, await stderr, null, null, null);
        }
        var lines = await File.ReadAllLinesAsync(output);
        var dumped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(2))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                dumped[line[..equals]] = line[(equals + 1)..];
            }
        }
        return new ScriptRun(process.ExitCode, await stderr, lines[0]["cwd=".Length..], lines[1]["args=".Length..], dumped);
    }

    private sealed record ScriptRun(int ExitCode, string Error, string? WorkingDirectory, string? Arguments, Dictionary<string, string>? Environment);

    /// <summary>Answers every request on a loopback port with <paramref name="body"/>, as the task metadata endpoint would.</summary>
    private sealed class MetadataServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _requests;

        public MetadataServer(string body)
        {
            _listener.Start();
            _ = ServeAsync(Encoding.UTF8.GetBytes(body));
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v4/cd189a933e5849daa93386466019ab50-2495160603";

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task ServeAsync(byte[] body)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    using var stream = client.GetStream();
                    var request = new byte[4096];
                    var read = 0;
                    while (!Encoding.ASCII.GetString(request, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal) && read < request.Length)
                    {
                        var count = await stream.ReadAsync(request.AsMemory(read), _stop.Token);
                        if (count == 0)
                        {
                            break;
                        }
                        read += count;
                    }
                    Interlocked.Increment(ref _requests);
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head, _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }
    }
}

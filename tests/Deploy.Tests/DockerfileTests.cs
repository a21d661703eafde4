using System.Text.RegularExpressions;
using System.Xml.Linq;
using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>deploy/Dockerfile, read as text (there is no Docker engine here): what it builds, runs and exposes.</summary>
public sealed class DockerfileTests
{
    public const string Path = "deploy/Dockerfile";
    public const string SiloProject = "Silo/Silo.csproj";
    public const string ApiPort = "8080";
    public const string TransportPort = "11111";

    private readonly Dockerfile _dockerfile = Dockerfile.Read(Path);

    /// <summary>Silo.dll: the project's AssemblyName, or its file name when it sets none, as the build produced it.</summary>
    public static string SiloAssemblyFile()
    {
        var project = XDocument.Parse(Repository.Read(SiloProject));
        var assemblyName = project.Descendants("AssemblyName").LastOrDefault()?.Value
            ?? System.IO.Path.GetFileNameWithoutExtension(SiloProject);
        Assert.Equal(assemblyName, typeof(Program).Assembly.GetName().Name);
        Assert.Equal(assemblyName + ".dll", System.IO.Path.GetFileName(Repository.SiloAssembly));
        return assemblyName + ".dll";
    }

    [Fact]
    public void Builds_on_the_sdk_and_runs_on_the_aspnet_runtime_of_the_projects_target_framework()
    {
        var framework = XDocument.Parse(Repository.Read("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework.Replace("net", "", StringComparison.Ordinal);
        Assert.True(_dockerfile.Stages.Count >= 2, "a multi-stage build: the SDK stays out of the runtime image");
        Assert.StartsWith($"mcr.microsoft.com/dotnet/sdk:{version}", _dockerfile.Stages[0].Image, StringComparison.Ordinal);
        Assert.StartsWith($"mcr.microsoft.com/dotnet/aspnet:{version}", _dockerfile.Final.Image, StringComparison.Ordinal);
        Assert.Contains(_dockerfile.Final.All("COPY"), c => c.Arguments.StartsWith($"--from={_dockerfile.Stages[0].Name} ", StringComparison.Ordinal));
    }

    [Fact]
    public void Publishes_the_silo_and_its_entry_point_is_the_assembly_the_build_produces()
    {
        var dll = SiloAssemblyFile();
        Assert.Contains(_dockerfile.Stages[0].All("RUN"), r => r.Arguments.Contains($"dotnet publish {SiloProject}", StringComparison.Ordinal));
        Assert.Equal(["dotnet", dll], Dockerfile.ExecForm(_dockerfile.Final.Last("ENTRYPOINT")!));
    }

    [Fact]
    public void Copies_every_project_the_silo_references_and_nothing_the_dockerignore_drops()
    {
        var build = _dockerfile.Stages[0];
        var sources = build.All("COPY").Where(c => !c.Arguments.StartsWith("--", StringComparison.Ordinal))
            .SelectMany(c => Dockerfile.Words(c.Arguments).SkipLast(1))
            .Concat(_dockerfile.Final.All("COPY").Where(c => !c.Arguments.StartsWith("--", StringComparison.Ordinal)).SelectMany(c => Dockerfile.Words(c.Arguments).SkipLast(1)))
            .ToList();
        foreach (var source in sources)
        {
            Assert.True(Repository.Exists(source), $"{Path} copies {source}, which does not exist");
            Assert.False(DockerIgnore.Excludes(source), $".dockerignore drops {source}, which {Path} copies");
        }
        foreach (var project in ProjectClosure(SiloProject))
        {
            var folder = System.IO.Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
            Assert.Contains(project, sources);
            Assert.Contains(folder, sources);
        }
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(file, sources);
        }
    }

    [Fact]
    public void Runs_as_a_non_root_user()
    {
        var user = _dockerfile.Final.Last("USER");
        Assert.NotNull(user);
        Assert.DoesNotMatch("^(root|0)(:.*)?$", user.Arguments.Trim());
        // Nothing after USER may need root at build time either: only metadata instructions follow it.
        var index = _dockerfile.Final.Instructions.ToList().IndexOf(user);
        Assert.All(_dockerfile.Final.Instructions.Skip(index + 1), i => Assert.DoesNotContain(i.Keyword, new[] { "RUN", "COPY", "ADD" }));
    }

    [Fact]
    public void Has_a_healthcheck_on_healthz_with_a_tool_the_runtime_image_has()
    {
        var healthcheck = _dockerfile.Final.Last("HEALTHCHECK");
        Assert.NotNull(healthcheck);
        Assert.Contains($"http://127.0.0.1:{ApiPort}/healthz", healthcheck.Arguments, StringComparison.Ordinal);
        // The aspnet images have no curl; the Alpine one has busybox wget, the others have neither.
        Assert.DoesNotContain("curl", healthcheck.Arguments, StringComparison.Ordinal);
        Assert.Contains("wget", healthcheck.Arguments, StringComparison.Ordinal);
        Assert.EndsWith("-alpine", _dockerfile.Final.Image, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_with_sigterm()
    {
        Assert.Equal("SIGTERM", _dockerfile.Final.Last("STOPSIGNAL")?.Arguments);
    }

    [Fact]
    public void Exposes_the_ports_its_environment_configures_beyond_loopback()
    {
        var environment = _dockerfile.Final.Environment;
        var api = new Uri(environment["Urls"]);
        Assert.Equal("0.0.0.0", api.Host);
        Assert.Equal("0.0.0.0", environment["Silo__TransportHost"]);
        Assert.Equal(ApiPort, api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TransportPort, environment["Silo__TransportPort"]);
        var exposed = _dockerfile.Final.All("EXPOSE").SelectMany(e => Dockerfile.Words(e.Arguments)).Select(p => p.Split('/')[0]).Order().ToList();
        Assert.Equal(new[] { ApiPort, TransportPort }.Order(), exposed);
        // The image is secure by default: no keys, and no opt-in to anonymous access either.
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Auth__", StringComparison.Ordinal));
    }

    [Fact]
    public void Sets_only_configuration_keys_the_silo_reads()
    {
        EnvironmentVariables.AssertKnown(_dockerfile.Final.Environment.Keys, Path);
        // ASPNETCORE_URLS would lose to Urls in appsettings.json; plain Urls wins over it.
        Assert.DoesNotContain("ASPNETCORE_URLS", _dockerfile.Final.Environment.Keys);
    }

    [Fact]
    public void Copies_the_ecs_entry_script_where_the_task_definition_runs_it()
    {
        var copy = Assert.Single(_dockerfile.Final.All("COPY"), c => c.Arguments.StartsWith(EcsEntrypointTests.ScriptPath + " ", StringComparison.Ordinal));
        var index = _dockerfile.Final.Instructions.ToList().IndexOf(copy);
        var destination = Dockerfile.Words(copy.Arguments)[^1];
        var absolute = destination.StartsWith('/') ? destination : $"{_dockerfile.Final.WorkdirAt(index).TrimEnd('/')}/{destination.TrimStart('.', '/')}";
        Assert.Equal(EcsEntrypointTests.ImagePath, absolute);
        Assert.Matches(new Regex(@"^exec env ""\$@"" dotnet " + Regex.Escape(SiloAssemblyFile()) + "$", RegexOptions.Multiline), Repository.Read(EcsEntrypointTests.ScriptPath));
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var found = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (found.Contains(next))
            {
                continue;
            }
            found.Add(next);
            var folder = System.IO.Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Parse(Repository.Read(next)).Descendants("ProjectReference"))
            {
                var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Repository.Root, folder, reference.Attribute("Include")!.Value));
                pending.Push(System.IO.Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }
        return found;
    }
}

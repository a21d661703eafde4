using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deploy.Tests.Infrastructure;

namespace Deploy.Tests;

/// <summary>deploy/ecs/template.json: a consistent template, and a production cluster that matches the silo and its image.</summary>
public sealed partial class CloudFormationTemplateTests
{
    public const string Path = "deploy/ecs/template.json";
    public const string MetricNamespace = "LlmCluster";
    public const string MetricName = "ActiveSessions";

    private readonly CloudFormationTemplate _template = CloudFormationTemplate.Read(Path);

    private JsonObject Container => Assert.Single(_template.Single("AWS::ECS::TaskDefinition").Resource["Properties"]!["ContainerDefinitions"]!.AsArray())!.AsObject();

    private JsonObject TaskDefinition => _template.Single("AWS::ECS::TaskDefinition").Resource["Properties"]!.AsObject();

    [Fact]
    public void Every_reference_names_a_parameter_resource_or_condition_that_exists()
    {
        var problems = new List<string>();
        foreach (var reference in _template.References)
        {
            var exists = reference.Function switch
            {
                "Ref" => _template.Parameters.ContainsKey(reference.Target) || _template.Resources.ContainsKey(reference.Target)
                    || CloudFormationTemplate.PseudoParameters.Contains(reference.Target),
                "Fn::GetAtt" or "DependsOn" => _template.Resources.ContainsKey(reference.Target),
                "Condition" => _template.Conditions.ContainsKey(reference.Target),
                _ => false,
            };
            if (!exists)
            {
                problems.Add($"{reference.Path}: {reference.Function} {reference.Target}");
            }
        }
        Assert.True(problems.Count == 0, "unresolved: " + string.Join("; ", problems));
    }

    [Fact]
    public void Every_getatt_asks_for_an_attribute_its_resource_type_has()
    {
        foreach (var reference in _template.References.Where(r => r.Function == "Fn::GetAtt"))
        {
            var type = _template.TypeOf(reference.Target);
            Assert.True(CloudFormationTemplate.Attributes.TryGetValue(type, out var attributes), $"{reference.Path}: no known attributes for {type}; add them to the table");
            Assert.True(attributes!.Contains(reference.Attribute), $"{reference.Path}: {type} has no attribute {reference.Attribute} (it has {string.Join(", ", attributes!)})");
        }
    }

    [Fact]
    public void A_conditional_resource_is_only_referenced_where_its_condition_holds()
    {
        foreach (var reference in _template.References.Where(r => r.Function is "Ref" or "Fn::GetAtt" or "DependsOn"))
        {
            if (_template.Resources[reference.Target] is JsonObject { } resource && resource["Condition"] is JsonValue condition)
            {
                Assert.True(reference.Conditions.Contains(condition.GetValue<string>()),
                    $"{reference.Path} refers to {reference.Target}, which exists only when {condition} holds");
            }
        }
    }

    [Fact]
    public void Every_parameter_and_condition_is_used()
    {
        var used = _template.References.Select(r => r.Target).ToHashSet(StringComparer.Ordinal);
        var unused = _template.Parameters.Select(p => p.Key).Concat(_template.Conditions.Select(c => c.Key)).Where(n => !used.Contains(n)).ToList();
        Assert.True(unused.Count == 0, $"unused parameters or conditions: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Runs_the_silo_image_on_fargate_with_the_ports_the_image_exposes()
    {
        Assert.Equal(["FARGATE"], TaskDefinition["RequiresCompatibilities"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("awsvpc", TaskDefinition["NetworkMode"]!.GetValue<string>());
        Assert.Equal("Image", CloudFormationTemplate.RefOf(Container["Image"]));
        Assert.Equal("TaskCpu", CloudFormationTemplate.RefOf(TaskDefinition["Cpu"]));
        Assert.Equal("TaskMemory", CloudFormationTemplate.RefOf(TaskDefinition["Memory"]));
        var ports = Container["PortMappings"]!.AsArray().Select(p => p!["ContainerPort"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(new[] { DockerfileTests.ApiPort, DockerfileTests.TransportPort }.Order(), ports);
        Assert.Equal(["/bin/sh", EcsEntrypointTests.ImagePath], Container["EntryPoint"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public void Checks_health_on_healthz_in_the_container_and_at_the_load_balancer()
    {
        var command = Container["HealthCheck"]!["Command"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal("CMD-SHELL", command[0]);
        Assert.Contains($"http://127.0.0.1:{DockerfileTests.ApiPort}/healthz", command[1], StringComparison.Ordinal);
        var targetGroup = _template.Single("AWS::ElasticLoadBalancingV2::TargetGroup").Resource["Properties"]!;
        Assert.Equal("/healthz", targetGroup["HealthCheckPath"]!.GetValue<string>());
        Assert.Equal(int.Parse(DockerfileTests.ApiPort), targetGroup["Port"]!.GetValue<int>());
        Assert.Equal("ip", targetGroup["TargetType"]!.GetValue<string>());
        var service = _template.Single("AWS::ECS::Service").Resource["Properties"]!;
        var attachment = Assert.Single(service["LoadBalancers"]!.AsArray())!;
        Assert.Equal(Container["Name"]!.GetValue<string>(), attachment["ContainerName"]!.GetValue<string>());
        Assert.Equal(int.Parse(DockerfileTests.ApiPort), attachment["ContainerPort"]!.GetValue<int>());
    }

    [Fact]
    public void Gives_a_stopping_silo_more_time_than_its_drain()
    {
        var drain = TimeSpan.Parse(Environment()["Silo__DrainTimeout"], System.Globalization.CultureInfo.InvariantCulture);
        var stopTimeout = TimeSpan.FromSeconds(Container["StopTimeout"]!.GetValue<int>());
        // The silo drains within Silo:DrainTimeout and exits within 10 s; Fargate allows at most 120 s.
        Assert.True(stopTimeout > drain + TimeSpan.FromSeconds(2), $"StopTimeout {stopTimeout} leaves no margin over the drain {drain}");
        Assert.True(stopTimeout > TimeSpan.FromSeconds(10));
        Assert.True(stopTimeout <= TimeSpan.FromSeconds(120));
    }

    [Fact]
    public void Logs_to_its_own_log_group_with_awslogs()
    {
        var logging = Container["LogConfiguration"]!;
        Assert.Equal("awslogs", logging["LogDriver"]!.GetValue<string>());
        var group = CloudFormationTemplate.RefOf(logging["Options"]!["awslogs-group"]);
        Assert.Equal("AWS::Logs::LogGroup", _template.TypeOf(group!));
        Assert.Equal("AWS::Region", CloudFormationTemplate.RefOf(logging["Options"]!["awslogs-region"]));
    }

    [Fact]
    public void Lets_the_load_balancer_reach_the_api_and_silos_reach_each_other_and_nothing_else_in()
    {
        var loadBalancer = _template.Single("AWS::ElasticLoadBalancingV2::LoadBalancer");
        var loadBalancerGroup = Assert.Single(loadBalancer.Resource["Properties"]!["SecurityGroups"]!.AsArray().Select(CloudFormationTemplate.RefOf));
        var service = _template.Single("AWS::ECS::Service").Resource["Properties"]!;
        var taskGroup = Assert.Single(service["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]!.AsArray().Select(CloudFormationTemplate.RefOf));
        Assert.Null(_template.Resources[taskGroup!]!["Properties"]!["SecurityGroupIngress"]);

        var ingress = _template.OfType("AWS::EC2::SecurityGroupIngress").Select(r => r.Resource["Properties"]!).ToList();
        string? GroupOf(JsonNode? node) => CloudFormationTemplate.GetAttOf(node)?.Resource;
        var intoTasks = ingress.Where(i => GroupOf(i["GroupId"]) == taskGroup)
            .Select(i => (From: GroupOf(i["SourceSecurityGroupId"]), Port: i["FromPort"]!.GetValue<int>(), To: i["ToPort"]!.GetValue<int>()))
            .ToList();
        Assert.All(intoTasks, rule => Assert.Equal(rule.Port, rule.To));
        Assert.Contains((loadBalancerGroup, int.Parse(DockerfileTests.ApiPort), int.Parse(DockerfileTests.ApiPort)), intoTasks);
        Assert.Contains((taskGroup, int.Parse(DockerfileTests.TransportPort), int.Parse(DockerfileTests.TransportPort)), intoTasks);
        Assert.All(intoTasks, rule => Assert.NotNull(rule.From)); // from security groups only, never from an address range
        Assert.DoesNotContain(intoTasks, rule => rule.From == loadBalancerGroup && rule.Port != int.Parse(DockerfileTests.ApiPort));
    }

    [Fact]
    public void Creates_the_two_tables_with_the_key_the_runtime_uses_and_the_silo_does_not_create_them()
    {
        var tables = _template.OfType("AWS::DynamoDB::Table").Select(t => t.Name).Order().ToList();
        Assert.Equal(["GrainStateTable", "MembershipTable"], tables);
        foreach (var source in new[] { "Runtime/Membership/DynamoDB/DynamoDbMembershipTable.cs", "Runtime/Storage/DynamoDB/DynamoDbGrainStorage.cs" })
        {
            Assert.Contains("private const string Id = \"Id\";", Repository.Read(source), StringComparison.Ordinal);
        }
        foreach (var table in tables)
        {
            var properties = _template.Resources[table]!["Properties"]!;
            var key = Assert.Single(properties["KeySchema"]!.AsArray())!;
            Assert.Equal(("Id", "HASH"), (key["AttributeName"]!.GetValue<string>(), key["KeyType"]!.GetValue<string>()));
            Assert.Equal("S", Assert.Single(properties["AttributeDefinitions"]!.AsArray())!["AttributeType"]!.GetValue<string>());
        }
        var environment = Environment();
        Assert.Equal("<MembershipTable>", environment["DynamoDB__MembershipTable"]);
        Assert.Equal("<GrainStateTable>", environment["DynamoDB__GrainStateTable"]);
        Assert.Equal("false", environment["DynamoDB__CreateTables"]);
        Assert.Equal("DynamoDB", environment["Cluster__Membership"]);
        Assert.Equal("DynamoDB", environment["Storage__Provider"]);
        Assert.Equal("Retain", _template.Resources["GrainStateTable"]!["DeletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void The_task_role_allows_the_dynamodb_calls_the_runtime_makes_on_its_two_tables_and_bedrock_invocation_only()
    {
        var statements = TaskRoleStatements();
        Assert.All(statements, s => Assert.Equal("Allow", s["Effect"]!.GetValue<string>()));
        Assert.DoesNotContain(statements.SelectMany(Actions), a => a.Contains('*'));

        // What the runtime calls, read from its source: <client>.<Operation>Async( in each DynamoDB class.
        var calls = new Dictionary<string, string>
        {
            ["MembershipTable"] = "Runtime/Membership/DynamoDB/DynamoDbMembershipTable.cs",
            ["GrainStateTable"] = "Runtime/Storage/DynamoDB/DynamoDbGrainStorage.cs",
        };
        foreach (var (table, source) in calls)
        {
            var needed = ClientCall().Matches(Repository.Read(source)).Select(m => "dynamodb:" + m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(needed);
            var granted = statements.Where(s => Resources(s).SequenceEqual([$"{table}.Arn"])).SelectMany(Actions).ToList();
            Assert.Equal(needed.Order(), granted.Order());
        }
        var dynamo = statements.Where(s => Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))).ToList();
        Assert.All(dynamo, s => Assert.Subset(new HashSet<string> { "MembershipTable.Arn", "GrainStateTable.Arn" }, Resources(s).ToHashSet()));

        var bedrock = Assert.Single(statements, s => Actions(s).Any(a => a.StartsWith("bedrock:", StringComparison.Ordinal)));
        Assert.Equal(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Actions(bedrock).Order());
        // The session metric goes out as embedded metric format log lines: no CloudWatch API permission is needed.
        Assert.DoesNotContain(statements, s => !Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal) || a.StartsWith("bedrock:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Injects_the_api_key_and_model_secrets_as_secrets_that_only_the_execution_role_reads()
    {
        var secrets = Secrets();
        Assert.Equal(["SILO_API_KEY", "SILO_SECRET_SETTINGS"], secrets.Keys);
        Assert.Equal("ApiKeySecretArn", secrets["SILO_API_KEY"]);
        Assert.Equal("ModelSecretsArn", secrets["SILO_SECRET_SETTINGS"]);
        Assert.Null(_template.Parameters["ApiKeySecretArn"]!["Default"]); // no stack without a key
        foreach (var parameter in secrets.Values)
        {
            Assert.Contains("secretsmanager", _template.Parameters[parameter]!["AllowedPattern"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(Environment().Keys, k => k.Contains("Auth__Keys", StringComparison.Ordinal) || secrets.ContainsKey(k) || k.EndsWith("__ApiKey", StringComparison.Ordinal));
        Assert.DoesNotContain("ApiKey", _template.DefaultOf("SiloSettings"), StringComparison.Ordinal);
        var script = Repository.Read(EcsEntrypointTests.ScriptPath);
        Assert.All(secrets.Keys, name => Assert.Contains(name, script, StringComparison.Ordinal));

        var executionRole = CloudFormationTemplate.GetAttOf(TaskDefinition["ExecutionRoleArn"])!.Value.Resource;
        var readers = _template.Resources[executionRole]!["Properties"]!["Policies"]!.AsArray()
            .SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray()).Where(s => Actions(s!.AsObject()).Contains("secretsmanager:GetSecretValue")).ToList();
        var reader = Assert.Single(readers)!.AsObject();
        var readable = reader["Resource"]!.AsArray().Select(r => CloudFormationTemplate.RefOf(r is JsonObject o && o.ContainsKey("Fn::If") ? o["Fn::If"]![1] : r)).Order();
        Assert.Equal(secrets.Values.Order(), readable);
        var taskRole = CloudFormationTemplate.GetAttOf(TaskDefinition["TaskRoleArn"])!.Value.Resource;
        Assert.NotEqual(executionRole, taskRole);
    }

    [Fact]
    public void Names_every_container_variable_as_a_shell_identifier_so_it_survives_the_entry_script()
    {
        // The entry script runs under busybox sh, which drops inherited variables such as Models__nova-lite__Model.
        foreach (var name in Environment().Keys.Concat(Secrets().Keys))
        {
            Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", name);
        }
    }

    [Fact]
    public void Sets_only_configuration_keys_the_silo_reads_and_inputs_the_entry_script_takes()
    {
        var names = Environment().Keys.Concat(Secrets().Keys).ToList();
        EnvironmentVariables.AssertKnown(names, $"{Path} (container environment)");
        var script = Repository.Read(EcsEntrypointTests.ScriptPath);
        foreach (var input in names.Where(EnvironmentVariables.IsEntrypointInput))
        {
            Assert.Contains(Regex.Replace(input, "^SILO_API_KEY_(TENANT|ADMIN)$", "SILO_API_KEY$${suffix}_$1"), script, StringComparison.Ordinal);
        }
        EnvironmentVariables.AssertKnown(EnvironmentVariables.Pairs(_template.DefaultOf("SiloSettings")).Select(p => p.Key), $"{Path} SiloSettings default");
    }

    [Fact]
    public void The_default_models_work_together_with_the_silos_own()
    {
        var environment = Environment().Where(p => !p.Key.StartsWith("SILO_", StringComparison.Ordinal))
            .Concat(EnvironmentVariables.Pairs(_template.DefaultOf("SiloSettings")));
        SiloConfiguration.AssertModelsWork(environment, $"{Path} SiloSettings default");
    }

    [Fact]
    public void Scales_between_min_and_max_silos_on_cpu_and_optionally_on_active_sessions_per_silo()
    {
        var target = _template.Single("AWS::ApplicationAutoScaling::ScalableTarget").Resource["Properties"]!;
        Assert.Equal("MinSilos", CloudFormationTemplate.RefOf(target["MinCapacity"]));
        Assert.Equal("MaxSilos", CloudFormationTemplate.RefOf(target["MaxCapacity"]));
        Assert.Equal("ecs:service:DesiredCount", target["ScalableDimension"]!.GetValue<string>());
        var policies = _template.OfType("AWS::ApplicationAutoScaling::ScalingPolicy").Select(p => p.Resource).ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.Equal("TargetTrackingScaling", p["Properties"]!["PolicyType"]!.GetValue<string>()));
        Assert.Contains(policies, p => p["Properties"]!["TargetTrackingScalingPolicyConfiguration"]!["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.GetValue<string>() == "ECSServiceAverageCPUUtilization");
        var sessions = Assert.Single(policies, p => p["Properties"]!["TargetTrackingScalingPolicyConfiguration"]!["CustomizedMetricSpecification"] is not null);
        var metric = sessions["Properties"]!["TargetTrackingScalingPolicyConfiguration"]!["CustomizedMetricSpecification"]!;
        Assert.Equal(MetricNamespace, metric["Namespace"]!.GetValue<string>());
        Assert.Equal(MetricName, metric["MetricName"]!.GetValue<string>());
        Assert.Equal("Average", metric["Statistic"]!.GetValue<string>());
        Assert.Equal(["ClusterName", "ServiceName"], metric["Dimensions"]!.AsArray().Select(d => d!["Name"]!.GetValue<string>()));
        Assert.NotNull(sessions["Condition"]);
        Assert.Equal("enabled", _template.DefaultOf("ActiveSessionsScaling"));
        // Every silo publishes the metric with the dimension values the policy watches.
        var environment = Environment();
        Assert.Equal("true", environment["Telemetry__CloudWatch__Enabled"]);
        var dimensions = metric["Dimensions"]!.AsArray().ToDictionary(d => d!["Name"]!.GetValue<string>(), d => _template.Resolve(d!["Value"]));
        Assert.Equal(dimensions["ClusterName"], environment["Telemetry__CloudWatch__ClusterName"]);
        Assert.Equal(dimensions["ServiceName"], environment["Telemetry__CloudWatch__ServiceName"]);
        Assert.Equal(dimensions["ServiceName"], _template.Resolve(_template.Resources["Service"]!["Properties"]!["ServiceName"]));
    }

    /// <summary>The container's environment, conditional entries included, parameters at their defaults (see Resolve).</summary>
    private Dictionary<string, string> Environment() =>
        Container["Environment"]!.AsArray()
            .Select(e => e is JsonObject o && o.ContainsKey("Fn::If") ? o["Fn::If"]![1] : e)
            .ToDictionary(e => e!["Name"]!.GetValue<string>(), e => _template.Resolve(e!["Value"]), StringComparer.Ordinal);

    /// <summary>The container's secrets, conditional ones included: variable name to the parameter holding the secret's ARN.</summary>
    private Dictionary<string, string> Secrets() =>
        Container["Secrets"]!.AsArray()
            .Select(e => e is JsonObject o && o.ContainsKey("Fn::If") ? o["Fn::If"]![1] : e)
            .ToDictionary(e => e!["Name"]!.GetValue<string>(), e => CloudFormationTemplate.RefOf(e!["ValueFrom"])!, StringComparer.Ordinal);

    private List<JsonObject> TaskRoleStatements()
    {
        var taskRole = CloudFormationTemplate.GetAttOf(TaskDefinition["TaskRoleArn"])!.Value.Resource;
        var role = _template.Resources[taskRole]!["Properties"]!;
        Assert.Null(role["ManagedPolicyArns"]);
        return [.. role["Policies"]!.AsArray().SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s is JsonObject o && o.ContainsKey("Fn::If") ? o["Fn::If"]![1]!.AsObject() : s!.AsObject())];
    }

    private static List<string> Actions(JsonObject statement) => statement["Action"] switch
    {
        JsonValue one => [one.GetValue<string>()],
        JsonArray many => [.. many.Select(a => a!.GetValue<string>())],
        _ => [],
    };

    private static List<string> Resources(JsonObject statement) => statement["Resource"] switch
    {
        JsonArray many => [.. many.Select(Describe)],
        var one => [Describe(one)],
    };

    private static string Describe(JsonNode? node) =>
        CloudFormationTemplate.GetAttOf(node) is { } getAtt ? $"{getAtt.Resource}.{getAtt.Attribute}"
        : CloudFormationTemplate.RefOf(node) ?? node?.ToJsonString() ?? "";

    [GeneratedRegex(@"_client\.(\w+)Async\(")]
    private static partial Regex ClientCall();
}

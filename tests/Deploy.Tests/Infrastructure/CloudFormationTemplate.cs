using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Deploy.Tests.Infrastructure;

/// <summary>A reference found in a template: what it names, through which function, and under which conditions.</summary>
/// <param name="Conditions">Conditions known true where the reference sits: the resource's own Condition and the
/// Fn::If branches around it (a false branch records the condition as "!Name").</param>
internal sealed record TemplateReference(string Function, string Target, string? Attribute, string Path, IReadOnlySet<string> Conditions);

/// <summary>A CloudFormation template in JSON, with the references its intrinsic functions make.</summary>
internal sealed partial class CloudFormationTemplate
{
    public static readonly string[] PseudoParameters =
        ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];

    /// <summary>Fn::GetAtt attributes each resource type has (the types this template uses).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Attributes = new Dictionary<string, string[]>
    {
        ["AWS::DynamoDB::Table"] = ["Arn", "StreamArn"],
        ["AWS::IAM::Role"] = ["Arn", "RoleId"],
        ["AWS::ECS::Cluster"] = ["Arn"],
        ["AWS::ECS::Service"] = ["Name", "ServiceArn"],
        ["AWS::ECS::TaskDefinition"] = ["TaskDefinitionArn"],
        ["AWS::EC2::SecurityGroup"] = ["GroupId", "VpcId"],
        ["AWS::ElasticLoadBalancingV2::LoadBalancer"] =
            ["CanonicalHostedZoneID", "DNSName", "LoadBalancerArn", "LoadBalancerFullName", "LoadBalancerName", "SecurityGroups"],
        ["AWS::ElasticLoadBalancingV2::TargetGroup"] = ["LoadBalancerArns", "TargetGroupArn", "TargetGroupFullName", "TargetGroupName"],
        ["AWS::ElasticLoadBalancingV2::Listener"] = ["ListenerArn"],
        ["AWS::Logs::LogGroup"] = ["Arn"],
        ["AWS::ApplicationAutoScaling::ScalableTarget"] = ["Id"],
        ["AWS::ApplicationAutoScaling::ScalingPolicy"] = ["Arn"],
    };

    public CloudFormationTemplate(JsonObject root)
    {
        Root = root;
        References = [.. Walk()];
    }

    public JsonObject Root { get; }

    public JsonObject Parameters => Root["Parameters"]?.AsObject() ?? [];

    public JsonObject Conditions => Root["Conditions"]?.AsObject() ?? [];

    public JsonObject Resources => Root["Resources"]!.AsObject();

    public IReadOnlyList<TemplateReference> References { get; }

    public static CloudFormationTemplate Read(string relative) =>
        new(JsonNode.Parse(Repository.Read(relative))!.AsObject());

    public string TypeOf(string resource) => Resources[resource]!["Type"]!.GetValue<string>();

    public IEnumerable<(string Name, JsonObject Resource)> OfType(string type) =>
        Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!.AsObject()));

    public (string Name, JsonObject Resource) Single(string type) => Assert.Single(OfType(type));

    /// <summary>The resource or parameter a Ref object (<c>{"Ref": "X"}</c>) names, or null when it is no Ref.</summary>
    public static string? RefOf(JsonNode? node) =>
        node is JsonObject { Count: 1 } o && o["Ref"] is JsonValue v ? v.GetValue<string>() : null;

    /// <summary>[resource, attribute] of a Fn::GetAtt object, or null.</summary>
    public static (string Resource, string Attribute)? GetAttOf(JsonNode? node) =>
        node is JsonObject { Count: 1 } o && o["Fn::GetAtt"] is JsonArray { Count: 2 } a
            ? (a[0]!.GetValue<string>(), a[1]!.GetValue<string>())
            : null;

    /// <summary>The value of a parameter's Default, as text.</summary>
    public string DefaultOf(string parameter) => Parameters[parameter]!["Default"]!.ToString();

    /// <summary>
    /// The value <paramref name="node"/> takes with every parameter at its default and every condition false (the template's
    /// default deployment): Refs to parameters become their defaults, other Refs and GetAtts "&lt;Name&gt;".
    /// </summary>
    public string Resolve(JsonNode? node)
    {
        if (RefOf(node) is { } target)
        {
            return Parameters.ContainsKey(target) && Parameters[target]!["Default"] is { } d ? d.ToString() : $"<{target}>";
        }
        if (GetAttOf(node) is { } getAtt)
        {
            return $"<{getAtt.Resource}.{getAtt.Attribute}>";
        }
        return node is JsonValue value ? value.ToString() : node?.ToJsonString() ?? "";
    }

    private IEnumerable<TemplateReference> Walk()
    {
        foreach (var (name, resource) in Resources)
        {
            var conditions = resource!["Condition"] is JsonValue c ? new HashSet<string> { c.GetValue<string>() } : [];
            foreach (var dependency in DependsOn(resource))
            {
                yield return new TemplateReference("DependsOn", dependency, null, $"Resources.{name}.DependsOn", conditions);
            }
            if (resource["Condition"] is JsonValue condition)
            {
                yield return new TemplateReference("Condition", condition.GetValue<string>(), null, $"Resources.{name}.Condition", new HashSet<string>());
            }
            foreach (var reference in Walk(resource["Properties"], $"Resources.{name}.Properties", conditions))
            {
                yield return reference;
            }
        }
        foreach (var (name, output) in Root["Outputs"]?.AsObject() ?? [])
        {
            var conditions = output!["Condition"] is JsonValue c ? new HashSet<string> { c.GetValue<string>() } : [];
            foreach (var reference in Walk(output["Value"], $"Outputs.{name}", conditions))
            {
                yield return reference;
            }
        }
        foreach (var (name, condition) in Conditions)
        {
            foreach (var reference in Walk(condition, $"Conditions.{name}", new HashSet<string>()))
            {
                yield return reference;
            }
        }
    }

    private static IEnumerable<string> DependsOn(JsonNode resource) => resource["DependsOn"] switch
    {
        JsonValue single => [single.GetValue<string>()],
        JsonArray many => many.Select(d => d!.GetValue<string>()),
        _ => [],
    };

    private static IEnumerable<TemplateReference> Walk(JsonNode? node, string path, IReadOnlySet<string> conditions)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o["Ref"] is JsonValue target:
                yield return new TemplateReference("Ref", target.GetValue<string>(), null, path, conditions);
                break;
            case JsonObject o when o.Count == 1 && o["Fn::GetAtt"] is JsonArray getAtt:
                Assert.True(getAtt.Count == 2, $"{path}: Fn::GetAtt takes [resource, attribute]");
                yield return new TemplateReference("Fn::GetAtt", getAtt[0]!.GetValue<string>(), getAtt[1]!.GetValue<string>(), path, conditions);
                break;
            case JsonObject o when o.Count == 1 && o["Fn::Sub"] is { } sub:
                var (text, locals) = sub is JsonArray pair ? (pair[0]!.GetValue<string>(), pair[1]!.AsObject()) : (sub.GetValue<string>(), new JsonObject());
                foreach (Match variable in SubVariable().Matches(text))
                {
                    var name = variable.Groups[1].Value;
                    if (name.StartsWith('!') || locals.ContainsKey(name))
                    {
                        continue;
                    }
                    var dot = name.IndexOf('.');
                    yield return dot < 0 || name.StartsWith("AWS::", StringComparison.Ordinal)
                        ? new TemplateReference("Ref", name, null, path, conditions)
                        : new TemplateReference("Fn::GetAtt", name[..dot], name[(dot + 1)..], path, conditions);
                }
                foreach (var (name, value) in locals)
                {
                    foreach (var reference in Walk(value, $"{path}.{name}", conditions))
                    {
                        yield return reference;
                    }
                }
                break;
            case JsonObject o when o.Count == 1 && o["Fn::If"] is JsonArray branches:
                Assert.True(branches.Count == 3, $"{path}: Fn::If takes [condition, then, else]");
                var condition = branches[0]!.GetValue<string>();
                yield return new TemplateReference("Condition", condition, null, path, conditions);
                foreach (var reference in Walk(branches[1], $"{path}.then", new HashSet<string>(conditions) { condition }))
                {
                    yield return reference;
                }
                foreach (var reference in Walk(branches[2], $"{path}.else", new HashSet<string>(conditions) { "!" + condition }))
                {
                    yield return reference;
                }
                break;
            case JsonObject o when o.Count == 1 && o["Condition"] is JsonValue named && path.StartsWith("Conditions.", StringComparison.Ordinal):
                yield return new TemplateReference("Condition", named.GetValue<string>(), null, path, conditions);
                break;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var reference in Walk(value, $"{path}.{key}", conditions))
                    {
                        yield return reference;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var reference in Walk(a[i], $"{path}[{i}]", conditions))
                    {
                        yield return reference;
                    }
                }
                break;
        }
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}

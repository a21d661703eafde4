using System.Text.RegularExpressions;

namespace Deploy.Tests.Infrastructure;

/// <summary>What an environment variable a deployment file sets is for.</summary>
internal static partial class EnvironmentVariables
{
    /// <summary>Read by the AWS SDK's default credential chain (Bedrock providers; DynamoDB in AWS), not by configuration.</summary>
    public static readonly string[] AwsSdk = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"];

    /// <summary>Inputs of deploy/ecs/entrypoint.sh, which turns them into configuration keys.</summary>
    public static bool IsEntrypointInput(string name) => EntrypointInput().IsMatch(name);

    /// <summary>
    /// Fails unless every variable is either a configuration key the silo reads, a variable of the AWS SDK, or an input of
    /// the ECS entry script. Returns the configuration keys.
    /// </summary>
    public static List<string> AssertKnown(IEnumerable<string> names, string where)
    {
        var keys = new List<string>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (AwsSdk.Contains(name, StringComparer.Ordinal) || IsEntrypointInput(name))
            {
                continue;
            }
            var key = ConfigurationSurface.FromEnvironmentVariable(name);
            if (ConfigurationSurface.Find(key) is null)
            {
                unknown.Add($"{name} (key {key})");
            }
            keys.Add(key);
        }
        Assert.True(unknown.Count == 0, $"{where} sets variables that are no configuration key of the silo: {string.Join(", ", unknown)}");
        return keys;
    }

    /// <summary>NAME=VALUE pairs of a string such as SILO_SETTINGS ("A=1;B=2").</summary>
    public static List<KeyValuePair<string, string>> Pairs(string settings) =>
        [.. settings.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=');
            Assert.True(equals > 0, $"'{pair}' is not Key=Value");
            return new KeyValuePair<string, string>(pair[..equals], pair[(equals + 1)..]);
        })];

    [GeneratedRegex("^SILO_(SETTINGS|SECRET_SETTINGS|API_KEY(_[2-9])?(_TENANT|_ADMIN)?)$")]
    private static partial Regex EntrypointInput();
}

namespace TestSupport;

/// <summary>
/// Where the DynamoDB Local that scripts/test.sh starts listens (environment DYNAMODB_SERVICE_URL). Tests that need
/// it fail with this message when it is missing; they never skip.
/// </summary>
public static class DynamoDbLocal
{
    public const string Variable = "DYNAMODB_SERVICE_URL";

    public static string ServiceUrl =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need DynamoDB Local. Run them through scripts/test.sh, which installs and starts it, or start it yourself and set {Variable}=http://127.0.0.1:<port>.");

    /// <summary>A table name no other test uses, so tests can run in parallel against one DynamoDB Local.</summary>
    public static string UniqueTable(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}

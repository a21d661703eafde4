namespace Runtime.Tests.Infrastructure;

/// <summary>One log record as a provider saw it: its category, message, and the pairs of every scope around it.</summary>
public sealed record LoggedRecord(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> ScopeValues)
{
    public object? Scope(string key) => ScopeValues.FirstOrDefault(p => p.Key == key).Value;
}

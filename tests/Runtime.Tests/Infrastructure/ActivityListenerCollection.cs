namespace Runtime.Tests.Infrastructure;

/// <summary>
/// Activity listeners are process-wide: the tests that add one, and the tests that need nobody listening, share
/// this collection so that they never run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ActivityListenerCollection
{
    public const string Name = "activity listeners";
}

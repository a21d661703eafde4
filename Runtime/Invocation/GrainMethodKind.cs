namespace Runtime.Invocation;

/// <summary>The return shapes a grain method may have.</summary>
public enum GrainMethodKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    AsyncEnumerable,
}

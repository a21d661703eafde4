namespace Runtime.Storage;

public static class GrainStorageNames
{
    /// <summary>The store used by <c>[PersistentState]</c> parameters that name none.</summary>
    public const string Default = "Default";
}

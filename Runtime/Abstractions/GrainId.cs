namespace Runtime;

/// <summary>Identity of a grain: its type (the grain interface's full name) and its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}

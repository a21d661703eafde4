namespace Runtime.Serialization;

/// <summary>How a <see cref="CopyPlan"/> copies a value of its type.</summary>
internal enum CopyStrategy
{
    /// <summary>The value is immutable: it is passed as it is.</summary>
    Identity,

    /// <summary>A compiled member-by-member copy that reproduces what the JSON round trip would build.</summary>
    Compiled,

    /// <summary>The JSON round trip itself, for whatever the compiled copy cannot reproduce safely.</summary>
    Json,
}

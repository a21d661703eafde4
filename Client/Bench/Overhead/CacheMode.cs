namespace Client.Bench.Overhead;

/// <summary>How the bench's requests meet the silo's response cache.</summary>
internal enum CacheMode
{
    /// <summary>Every prompt is new: the silo looks up, misses, calls the model and stores, as for any new question.</summary>
    Miss,

    /// <summary>Cache-Control: no-cache, no-store: the cache is skipped both ways.</summary>
    Bypass,

    /// <summary>The same prompt every time: after the first answer the model is never called.</summary>
    Hit,
}

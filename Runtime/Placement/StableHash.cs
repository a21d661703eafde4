using System.Runtime.CompilerServices;

namespace Runtime.Placement;

/// <summary>
/// A 64-bit hash that is the same in every process (string.GetHashCode is randomized per process), so that
/// silos and clients agree on where a grain lives.
/// </summary>
internal static class StableHash
{
    public static ulong Combine(string first, string second, string third)
    {
        var hash = 14695981039346656037UL;
        hash = Append(hash, first);
        hash = Append(hash, second);
        hash = Append(hash, third);
        return Mix(hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Append(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return (hash ^ 0xFFFF) * 1099511628211UL;
    }

    // splitmix64 finalizer: spreads FNV's weak low bits so rendezvous weights are uniform.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

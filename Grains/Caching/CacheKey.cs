using System.Security.Cryptography;
using System.Text;
using Grains.Interfaces.Models;

namespace Grains.Caching;

/// <summary>
/// The exact cache's key: tenant, model (or routing class), the messages with whitespace normalized, and every
/// parameter that changes the answer, hashed. Different tenants can never share a key.
/// </summary>
public static class CacheKey
{
    public static string Compute(string tenant, string modelScope, IReadOnlyList<ChatTurn> messages, int? maxTokens, float? temperature, float? topP, IReadOnlyList<string>? stop)
    {
        var canonical = new StringBuilder();
        canonical.Append(tenant).Append('\0').Append(modelScope).Append('\0');
        foreach (var message in messages)
        {
            canonical.Append(message.Role).Append('\u0001').Append(Normalize(message.Content)).Append('\u0002');
        }
        canonical.Append('\0').Append(maxTokens).Append('|').Append(temperature).Append('|').Append(topP).Append('|');
        foreach (var sequence in stop ?? [])
        {
            canonical.Append(sequence).Append('\u0003');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>The shard a key lives in.</summary>
    public static string Shard(string key, int shards) => $"shard-{Convert.ToUInt32(key[..8], 16) % (uint)shards}";

    /// <summary>Trims and collapses runs of whitespace: formatting differences do not change a question.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}

namespace Grains.Jobs;

/// <summary>Job grains are keyed by tenant and job id; tool grains by job key and call index.</summary>
public static class JobKey
{
    public static string For(string tenant, string jobId) => $"{tenant}/{jobId}";

    public static (string Tenant, string JobId) Split(string key) => (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);

    public static string Tool(string jobKey, int index) => $"{jobKey}/{index}";
}

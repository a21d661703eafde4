using System.Net;

namespace Silo.Api.Auth;

/// <summary>
/// Without API keys the API is open, which is only safe on this machine: refuse to listen elsewhere unless
/// <c>Auth:AllowAnonymous=true</c> says it is intended.
/// </summary>
internal static class LoopbackGuard
{
    public static void Check(IConfiguration configuration, AuthOptions auth)
    {
        if (auth.Keys.Count > 0 || auth.AllowAnonymous)
        {
            return;
        }
        var urls = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? ""));
        var exposed = urls.FirstOrDefault(url => !IsLoopback(url));
        if (exposed is not null)
        {
            throw new InvalidOperationException(
                $"Refusing to listen on {exposed} without API keys. Configure Auth:Keys:<key>:Tenant, or set Auth:AllowAnonymous=true to serve everyone as one tenant.");
        }
    }

    private static bool IsLoopback(string url)
    {
        if (url.Length == 0)
        {
            return true;
        }
        var host = url.Split("://", 2)[^1].Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']')] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}

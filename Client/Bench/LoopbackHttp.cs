using System.Net;

namespace Client.Bench;

/// <summary>
/// The benches' HTTP client: HTTP/1.1 on loopback with nothing in the way (no proxy, cookies, redirects or
/// decompression), so that what is measured is the silo, as a lean OpenAI client would see it.
/// </summary>
internal static class LoopbackHttp
{
    public static HttpClient CreateClient(int connectionsPerServer = 1024, TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = connectionsPerServer,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };
}

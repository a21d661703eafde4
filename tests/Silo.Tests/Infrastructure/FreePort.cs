using System.Net;
using System.Net.Sockets;

namespace Silo.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on (the OS just handed it out and it was released again).</summary>
    public static int Unused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Client.Bench.Hosting;

internal static class LoopbackPort
{
    /// <summary>A port the OS just had free on 127.0.0.1; the process started next binds it a moment later.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Runtime.Client;

namespace Runtime.Tests.Infrastructure;

/// <summary>Runs a behaviour test once with local calls and once through a client over the HTTP/2 transport.</summary>
public static class Transports
{
    public const string Local = "local";
    public const string Remote = "remote";

    public static TheoryData<string> Both => [Local, Remote];

    public static async Task<(IGrainFactory Factory, IAsyncDisposable? Client)> FactoryAsync(TestSilo silo, string transport)
    {
        if (transport == Local)
        {
            return (silo.GrainFactory, null);
        }
        var client = await ClusterClient.ConnectAsync(silo.ApiUrl);
        return (client, client);
    }
}

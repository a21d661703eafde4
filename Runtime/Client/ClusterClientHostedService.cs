using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Runtime.Client;

/// <summary>Connects the client when the host starts, so that <see cref="IGrainFactory"/> is ready for the app.</summary>
internal sealed class ClusterClientHostedService(IOptions<ClusterClientOptions> options) : IHostedService, IAsyncDisposable
{
    private ClusterClient? _client;

    public ClusterClient Client => _client ?? throw new InvalidOperationException("The cluster client is not connected yet: the host has not started.");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _client = await ClusterClient.ConnectAsync(options.Value.GatewayUrl, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}

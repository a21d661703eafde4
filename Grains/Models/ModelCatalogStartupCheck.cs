using Microsoft.Extensions.Hosting;

namespace Grains.Models;

/// <summary>Builds the model catalog when the host starts, so a bad <c>Models</c> section stops the silo with its message.</summary>
internal sealed class ModelCatalogStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(ModelCatalog));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Grains.Models.Configuration;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers;

/// <summary>
/// Makes the <see cref="IChatClient"/> for a configured model. Clients must report failures as
/// <see cref="ModelCallException"/> (also when a stream breaks after some updates) and put token usage in
/// <see cref="ChatResponse.Usage"/> or a <see cref="UsageContent"/> update.
/// </summary>
public interface IModelProvider
{
    /// <summary>The value of <c>Models:&lt;id&gt;:Provider</c> this provider serves.</summary>
    string Name { get; }

    /// <summary>Checks the options and builds the client; throws with a clear message when they are unusable.</summary>
    IChatClient CreateClient(string modelId, ModelOptions options);
}

using Grains.Interfaces.Models;

namespace Silo.Models;

internal sealed record ModelsReadout(IReadOnlyList<ModelStatus> Models);

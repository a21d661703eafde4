using Grains.Models.Configuration;
using Microsoft.Extensions.Options;

namespace Grains.Models.Routing;

/// <summary>Turns a requested model (an id or <c>auto</c>) into the ordered candidates the gateway tries.</summary>
public sealed class ModelRouter(ModelCatalog catalog, IOptions<RoutingOptions> options)
{
    public RoutePlan Plan(ModelCallRequest request)
    {
        var routing = options.Value;
        string first;
        string? routingClass = null;
        if (string.Equals(request.Model, RoutingOptions.AutoModel, StringComparison.OrdinalIgnoreCase))
        {
            var complex = ComplexityHeuristic.IsComplex(request.Messages, request.MaxTokens, request.HasTools, routing);
            routingClass = complex ? "large" : "small";
            first = complex ? routing.LargeModel : routing.SmallModel;
        }
        else
        {
            first = request.Model;
        }
        first = catalog.IdOf(first);
        var model = catalog.Get(first);
        if (request.MaxTokens is { } max && (max < 1 || max > model.MaxOutputTokens))
        {
            throw new InvalidModelRequestException($"max_tokens must be between 1 and {model.MaxOutputTokens} for {first}; it was {max}.", "max_tokens");
        }
        var candidates = new List<string> { first };
        candidates.AddRange(model.Fallbacks.Select(catalog.IdOf).Where(f => !candidates.Contains(f, StringComparer.OrdinalIgnoreCase)));
        return new RoutePlan(request.Model, candidates, routingClass);
    }
}

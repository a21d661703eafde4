namespace Grains.Models.Routing;

/// <summary>The models a request may use, in order: the chosen one first, then its fallbacks.</summary>
public sealed record RoutePlan(string Requested, IReadOnlyList<string> Candidates, string? RoutingClass);

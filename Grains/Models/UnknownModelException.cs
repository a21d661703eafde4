namespace Grains.Models;

/// <summary>A request named a model that is not configured (an HTTP 400/404, not a server error).</summary>
public sealed class UnknownModelException(string model, IEnumerable<string> known)
    : Exception($"The model '{model}' does not exist. Available models: {string.Join(", ", known)}, auto.")
{
    public string Model { get; } = model;
}

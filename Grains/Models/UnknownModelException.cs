namespace Grains.Models;

/// <summary>A request named a model that is not configured (an HTTP 404, not a server error).</summary>
public sealed class UnknownModelException : Exception
{
    public UnknownModelException(string model, IEnumerable<string> known)
        : base($"The model '{model}' does not exist. Available models: {string.Join(", ", known)}, auto.") => Model = model;

    /// <summary>For the grain transport, which rebuilds exceptions from their message.</summary>
    public UnknownModelException(string message) : base(message) => Model = "";

    public string Model { get; }
}

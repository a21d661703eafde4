namespace Grains.Models;

/// <summary>A request whose parameters no model can honour (an HTTP 400).</summary>
public sealed class InvalidModelRequestException(string message) : Exception(message);

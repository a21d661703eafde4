namespace Grains.Models;

/// <summary>A request whose parameters no model can honour (an HTTP 400); <see cref="Param"/> names the parameter at fault.</summary>
public sealed class InvalidModelRequestException(string message, string? param = null) : Exception(message)
{
    public string? Param { get; } = param;
}

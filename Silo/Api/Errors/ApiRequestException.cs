namespace Silo.Api.Errors;

/// <summary>The request is malformed; the message says what is wrong and <see cref="Param"/> where.</summary>
internal sealed class ApiRequestException(string message, string? param = null, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string? Param { get; } = param;

    public int Status { get; } = status;
}

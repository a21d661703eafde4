namespace Silo.Api.Errors;

/// <summary>The error responses of the API, all in OpenAI's shape.</summary>
internal static class OpenAiErrors
{
    public static IResult BadRequest(string message, string? param = null, string code = "invalid_request") =>
        Error(StatusCodes.Status400BadRequest, message, "invalid_request_error", param, code);

    public static IResult Unauthorized(string message) =>
        Error(StatusCodes.Status401Unauthorized, message, "authentication_error", null, "invalid_api_key");

    public static IResult Forbidden(string message) =>
        Error(StatusCodes.Status403Forbidden, message, "permission_error", null, "forbidden");

    public static IResult NotFound(string message, string code = "not_found") =>
        Error(StatusCodes.Status404NotFound, message, "invalid_request_error", null, code);

    public static IResult TooLarge(string message) =>
        Error(StatusCodes.Status413PayloadTooLarge, message, "invalid_request_error", null, "request_too_large");

    public static IResult Error(int status, string message, string type, string? param, string? code) =>
        TypedResults.Json(Body(message, type, param, code), statusCode: status);

    public static OpenAiErrorBody Body(string message, string type, string? param = null, string? code = null) =>
        new(new OpenAiErrorDetail(message, type, param, code));
}

using Grains.Interfaces.Models;
using Grains.Models;
using Grains.Models.Providers;
using Runtime.Hosting;

namespace Silo.Api.Errors;

/// <summary>
/// Turns a failure while serving a request into the status and OpenAI-shaped body the client should see.
/// Only a bug reaches 500, and then without internals.
/// </summary>
internal static class ApiErrorMapping
{
    public sealed record Mapped(int Status, OpenAiErrorBody Body, TimeSpan? RetryAfter);

    public static Mapped Map(Exception exception) => exception switch
    {
        ApiRequestException request => new(request.Status, OpenAiErrors.Body(request.Message, "invalid_request_error", request.Param,
            request.Status == StatusCodes.Status413PayloadTooLarge ? "request_too_large" : "invalid_request"), null),
        UnknownModelException unknown => new(StatusCodes.Status404NotFound, OpenAiErrors.Body(unknown.Message, "invalid_request_error", "model", "model_not_found"), null),
        InvalidModelRequestException invalid => new(StatusCodes.Status400BadRequest, OpenAiErrors.Body(invalid.Message, "invalid_request_error", invalid.Param, "invalid_request"), null),
        ModelUnavailableException { Reason: AdmissionDenial.CircuitOpen } open =>
            new(StatusCodes.Status503ServiceUnavailable, OpenAiErrors.Body(open.Message, "service_unavailable", null, "model_unavailable"), open.RetryAfter),
        ModelUnavailableException busy =>
            new(StatusCodes.Status429TooManyRequests, OpenAiErrors.Body(busy.Message, "rate_limit_error", null, "rate_limit_exceeded"), busy.RetryAfter),
        ModelCallException { Kind: ModelErrorKind.Throttled } throttled =>
            new(StatusCodes.Status429TooManyRequests, OpenAiErrors.Body(throttled.Message, "rate_limit_error", null, "rate_limit_exceeded"), throttled.RetryAfter),
        ModelCallException { Kind: ModelErrorKind.Transient } transient =>
            new(StatusCodes.Status503ServiceUnavailable, OpenAiErrors.Body(transient.Message, "service_unavailable", null, "upstream_unavailable"), null),
        ModelCallException permanent =>
            new(StatusCodes.Status502BadGateway, OpenAiErrors.Body(permanent.Message, "upstream_error", null, "upstream_error"), null),
        SiloUnavailableException unavailable =>
            new(StatusCodes.Status503ServiceUnavailable, OpenAiErrors.Body(unavailable.Message, "service_unavailable", null, "silo_unavailable"), null),
        _ => new(StatusCodes.Status500InternalServerError, OpenAiErrors.Body("The server failed to handle the request; it has been logged.", "server_error", null, "internal_error"), null),
    };

    public static IResult ToResult(Exception exception, HttpContext context)
    {
        var mapped = Map(exception);
        if (mapped.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Json(mapped.Body, statusCode: mapped.Status);
    }
}

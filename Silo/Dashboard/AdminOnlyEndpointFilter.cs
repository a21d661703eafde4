using Silo.Api.Auth;
using Silo.Api.Errors;

namespace Silo.Dashboard;

/// <summary>
/// The dashboard's own read-outs show the whole silo (every tenant's traffic), so a tenant key gets 403. Runs after
/// the API key check, which has already turned away missing keys (and, without keys, lets everyone in as admin).
/// </summary>
internal sealed class AdminOnlyEndpointFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        ApiCaller.Of(context.HttpContext).IsAdmin
            ? next(context)
            : ValueTask.FromResult<object?>(OpenAiErrors.Forbidden("The dashboard's read-outs need an admin key."));
}

using Microsoft.Extensions.Options;
using Silo.Api.Errors;

namespace Silo.Api.Auth;

/// <summary>Resolves the caller from the bearer key; a missing or unknown key gets 401 and nothing else happens.</summary>
internal sealed class ApiKeyEndpointFilter(IOptions<AuthOptions> options) : IEndpointFilter
{
    private static readonly ApiCaller Anonymous = new(AuthOptions.AnonymousTenant, IsAdmin: true);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var keys = options.Value.Keys;
        if (keys.Count == 0)
        {
            Anonymous.AttachTo(context.HttpContext);
            return next(context);
        }
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && keys.TryGetValue(header[scheme.Length..].Trim(), out var key) && key.Tenant.Length > 0)
        {
            new ApiCaller(key.Tenant, key.Admin).AttachTo(context.HttpContext);
            return next(context);
        }
        // Never echo the key that was sent.
        return ValueTask.FromResult<object?>(OpenAiErrors.Unauthorized("Missing or invalid API key. Send 'Authorization: Bearer <key>'."));
    }
}

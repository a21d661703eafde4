using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Silo.Tests.Infrastructure;

/// <summary>
/// Echoes how the server received a request's body (its Content-Length, or "none" when it came chunked) in a
/// response header, so a test can tell which framing reached the server whatever the client did with it.
/// </summary>
internal sealed class RequestFramingProbe : IStartupFilter
{
    public const string Header = "X-Test-Request-Content-Length";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Response.Headers[Header] = context.Request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
            return nextMiddleware(context);
        });
        next(app);
    };
}

namespace Silo.Api.Auth;

/// <summary>Who is calling: the tenant whose data the request may see, and whether it may administer.</summary>
public sealed record ApiCaller(string Tenant, bool IsAdmin)
{
    private const string ItemKey = "api-caller";

    public static ApiCaller Of(HttpContext context) => (ApiCaller)context.Items[ItemKey]!;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}

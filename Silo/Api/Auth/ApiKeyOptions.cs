namespace Silo.Api.Auth;

/// <summary>One API key (<c>Auth:Keys:&lt;key&gt;</c>): the tenant it acts for and whether it may administer.</summary>
public sealed class ApiKeyOptions
{
    public string Tenant { get; set; } = "";

    public bool Admin { get; set; }
}

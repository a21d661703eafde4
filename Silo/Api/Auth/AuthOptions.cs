namespace Silo.Api.Auth;

/// <summary>
/// <c>Auth</c>: with keys configured every API call needs <c>Authorization: Bearer &lt;key&gt;</c>; without keys
/// everything is one tenant, and the silo only listens on loopback unless <see cref="AllowAnonymous"/> is set.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string AnonymousTenant = "default";

    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    public bool AllowAnonymous { get; set; }
}

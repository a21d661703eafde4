namespace Grains.Interfaces.Sessions;

/// <summary>Session grains are keyed by tenant and session id, so one tenant can never address another's session.</summary>
public static class SessionKey
{
    public static string For(string tenant, string sessionId) => $"{tenant}/{sessionId}";

    public static string SessionIdOf(string key) => key[(key.IndexOf('/') + 1)..];
}

namespace Silo.Api.Sessions;

internal sealed record SessionTokenEvent(string Text);

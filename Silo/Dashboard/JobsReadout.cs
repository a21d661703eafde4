namespace Silo.Dashboard;

/// <summary>Jobs of this silo: executing now, and accepted since it started.</summary>
internal sealed record JobsReadout(long InFlight, long Accepted);

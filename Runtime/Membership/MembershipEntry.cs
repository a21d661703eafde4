namespace Runtime.Membership;

/// <summary>One silo's row in the membership table.</summary>
public sealed record MembershipEntry(
    SiloAddress Silo,
    string SiloName,
    SiloStatus Status,
    string? ApiUrl,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime);

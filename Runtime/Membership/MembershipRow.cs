namespace Runtime.Membership;

/// <summary>A membership entry as stored, with the ETag that a conditional update must present.</summary>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);
